// Issue 19, the seat's side of losing the host: drafts kept per user and form (and cleared only when
// what was saved is still what is kept), a waiting save's call age moved on by the wait, and the
// save queue: a save without an answer is kept and sent again with the same Idempotency-Key once
// the host answers and its person is signed in; a save that got an answer (a refusal) is never
// sent again. The renderer's modules run here over an in-memory localStorage and a scripted fetch.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

class MemoryStorage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, String(v));
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  clear() {
    this.map.clear();
  }
}

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } } | 'down';
const sent: { method: string; key: string | null; body: unknown }[] = [];
let answer: (method: string) => Answer = () => 'down';

before(() => {
  Object.assign(globalThis, { localStorage: new MemoryStorage() });
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    const method = url.replace('./api/', '');
    const a = answer(method);
    sent.push({ method, key: new Headers(init.headers).get('Idempotency-Key'), body: JSON.parse(String(init.body)) });
    if (a === 'down') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(a), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
});

const flushes = () => new Promise((r) => setTimeout(r, 20));

describe('drafts', () => {
  test('kept per user and form; another user, form or incident never sees it', async () => {
    const { writeDraft, readDraft, draftText } = await import('../../renderer/src/drafts.js');
    writeDraft({ user: 'zhang', form: 'intake:incident:12' }, { summary: '塌方' }, Date.UTC(2026, 10, 24, 6, 30));
    assert.deepEqual(readDraft({ user: 'zhang', form: 'intake:incident:12' }), { value: { summary: '塌方' }, savedAt: Date.UTC(2026, 10, 24, 6, 30) });
    assert.equal(readDraft({ user: 'li', form: 'intake:incident:12' }), null);
    assert.equal(readDraft({ user: 'zhang', form: 'intake:incident:13' }), null);
    assert.equal(draftText({ user: 'zhang', form: 'intake:new' }), null);
  });

  test('cleared after its save only while it still is what was saved; the open form hears of it', async () => {
    const { writeDraft, readDraft, draftText, clearDraftIf, onDraftCleared } = await import('../../renderer/src/drafts.js');
    const ref = { user: 'zhang', form: 'handover:note' };
    writeDraft(ref, { note: '交班：东城区塌方仍在处置' });
    const snapshot = draftText(ref);
    writeDraft(ref, { note: '交班：东城区塌方仍在处置；又接一起火警' });
    clearDraftIf(ref, snapshot);
    assert.ok(readDraft(ref), 'typed on after the save was made: kept');
    const heard: string[] = [];
    const off = onDraftCleared((r) => heard.push(r.form));
    clearDraftIf(ref, draftText(ref));
    off();
    assert.equal(readDraft(ref), null);
    assert.deepEqual(heard, ['handover:note']);
  });
});

describe('the save queue', () => {
  test("a waiting save's call age grows by the wait; typed times are sent as typed", async () => {
    const { aged } = await import('../../renderer/src/save-queue.js');
    const input = { report: { startedMsAgo: 90_000, receivedAt: 1_764_000_000_000, summary: 'x' }, notDuplicateOf: { ids: [1] } };
    assert.deepEqual(aged(input, 60_000), { report: { startedMsAgo: 150_000, receivedAt: 1_764_000_000_000, summary: 'x' }, notDuplicateOf: { ids: [1] } });
    assert.equal((aged({ startedMsAgo: 11 * 3600_000 }, 2 * 3600_000) as { startedMsAgo: number }).startedMsAgo, 12 * 3600_000, 'never past what the contract takes');
  });

  test('no answer: kept with its key and draft, sent again with the same key when the host answers and its person signs in; once', async () => {
    const { save, pendingSaves, startSaveQueue } = await import('../../renderer/src/save-queue.js');
    const { writeDraft, readDraft } = await import('../../renderer/src/drafts.js');
    const { api } = await import('../../renderer/src/api.js');
    const { hostState } = await import('../../renderer/src/connection.js');
    Object.assign(globalThis, { window: { setInterval: () => 0, clearInterval: () => undefined } });
    startSaveQueue();
    const draft = { user: 'zhang', form: 'intake:new' };
    writeDraft(draft, { summary: '东城区塌方' });
    answer = () => 'down';
    sent.length = 0;
    let queued = 0;
    const done = save('units.create', { name: '东城区' }, { user: 'zhang', draft, onQueued: () => queued++ });
    await flushes();
    assert.equal(queued, 1);
    assert.equal(hostState().state, 'lost');
    assert.equal(pendingSaves().length, 1);
    assert.match(localStorage.getItem('duty.pendingSaves.v1') ?? '', /units\.create/, 'kept across a reload');
    const key = sent[0]!.key;
    assert.match(key ?? '', /^[A-Za-z0-9_-]{16,100}$/);

    // The host is back but restarted: nobody is signed in, so the save waits.
    answer = (m) => (m === 'auth.status' ? { ok: true, value: { user: null } } : { ok: false, error: { code: 'unauthenticated', message: '请登录' } });
    await api.auth.status({}).catch(() => undefined);
    await flushes();
    assert.equal(hostState().state, 'online');
    assert.equal(pendingSaves().length, 1);
    assert.ok(readDraft(draft), 'the draft stays until the save went through');

    // Signed in again: the save goes with the same key, once, and its draft is cleared.
    answer = (m) => (m === 'auth.login' ? { ok: true, value: { username: 'zhang' } } : { ok: true, value: { id: 7 } });
    sent.length = 0;
    await api.auth.login({ username: 'zhang', password: 'x' } as never);
    assert.deepEqual(await done, { id: 7 });
    const retries = sent.filter((s) => s.method === 'units.create');
    assert.equal(retries.length, 1);
    assert.equal(retries[0]!.key, key);
    assert.equal(pendingSaves().length, 0);
    assert.equal(localStorage.getItem('duty.pendingSaves.v1'), null);
    assert.equal(readDraft(draft), null);
  });

  test('a save the host answered with a refusal is shown, never sent again; its draft stays', async () => {
    const { save, pendingSaves } = await import('../../renderer/src/save-queue.js');
    const { writeDraft, readDraft } = await import('../../renderer/src/drafts.js');
    const draft = { user: 'zhang', form: 'relay:notice:new' };
    writeDraft(draft, { text: '暴雨红色预警' });
    answer = () => ({ ok: false, error: { code: 'invalid_input', message: '请填写来文单位' } });
    sent.length = 0;
    await assert.rejects(save('notices.create', {}, { user: 'zhang', draft }), /请填写来文单位/);
    await flushes();
    assert.equal(sent.length, 1);
    assert.equal(pendingSaves().length, 0);
    assert.ok(readDraft(draft));
  });

  test('a sign-in answered while a round was still sending: the waiting save goes in the next round, and nothing asks the host to lock', async () => {
    const { save, pendingSaves } = await import('../../renderer/src/save-queue.js');
    const { api } = await import('../../renderer/src/api.js');
    // Queued while the host is away.
    answer = () => 'down';
    sent.length = 0;
    const done = save('units.create', { name: '西城区' }, { user: 'zhang' });
    await flushes();
    assert.equal(pendingSaves().length, 1);
    sent.length = 0;
    // The host is back, restarted: the first round's save is answered 'unauthenticated', slowly.
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const plain = globalThis.fetch;
    let signedIn = false;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      const method = url.replace('./api/', '');
      if (method === 'units.create' && !signedIn) {
        sent.push({ method, key: new Headers(init.headers).get('Idempotency-Key'), body: JSON.parse(String(init.body)) });
        await slow;
        return new Response(JSON.stringify({ ok: false, error: { code: 'unauthenticated', message: '请先登录' } }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      return plain(url, init);
    }) as typeof fetch;
    try {
      answer = (m) => (m === 'auth.login' ? { ok: true, value: { username: 'zhang' } } : m === 'auth.status' ? { ok: true, value: { user: { username: 'zhang' } } } : { ok: true, value: { id: 8 } });
      await api.auth.status({});
      await flushes();
      // The person signs in while that round still waits for its answer.
      signedIn = true;
      await api.auth.login({ username: 'zhang', password: 'x' } as never);
      release();
      const late = new Promise((_, fail) => setTimeout(() => fail(new Error('the waiting save was never sent again')), 2000));
      assert.deepEqual(await Promise.race([done, late]), { id: 8 });
      assert.equal(pendingSaves().length, 0);
      assert.equal(sent.filter((x) => x.method === 'units.create').length, 2, 'the stale round, then the one that went through');
      assert.equal(sent.filter((x) => x.method === 'auth.lock').length, 0);
    } finally {
      globalThis.fetch = plain;
    }
  });
});

