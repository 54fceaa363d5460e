// Runs in the renderer. One shift of the roster: swap (换班), substitute (代班) or set its people,
// each with a reason; swaps and substitutes name who confirmed (both people or a leader).
import { Alert, App, Form, Input, Modal, Select, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import type { Person } from '../../../shared/domain/person.js';
import type { RosterMonth, RosterShift } from '../../../shared/domain/roster/roster.js';
import { api } from '../api.js';
import { useT } from '../i18n.js';
import { useFail } from './roster-common.js';
import { useMay } from './role-gate.js';
import { useSaveConflict } from './save-conflict.js';

type Mode = 'swap' | 'substitute' | 'edit';

/** `reload` reads the month again after a refused save (the page shows it) and answers it, or null. */
export function RosterShiftDialog({
  shift,
  month,
  people,
  onClose,
  onSaved,
  reload,
}: {
  shift: RosterShift;
  month: RosterMonth;
  people: Person[];
  onClose(): void;
  onSaved(m: RosterMonth): void;
  reload(): Promise<RosterMonth | null>;
}) {
  const t = useT();
  const { message } = App.useApp();
  const fail = useFail();
  const may = useMay();
  const [mode, setMode] = useState<Mode>('swap');
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  // The month as it was when the dialog opened: a change saved over a newer one is refused.
  const conflict = useSaveConflict(month.version);
  const onShift = [...shift.leaders.map((p) => ({ ...p, role: 'leader' as const })), ...shift.officers.map((p) => ({ ...p, role: 'officer' as const }))];
  const personA: number | undefined = Form.useWatch('personA', form);
  const shiftB: number | undefined = Form.useWatch('shiftB', form);
  const roleA = onShift.find((p) => p.id === personA)?.role;
  const other = month.shifts.find((s) => s.id === shiftB);
  const otherPeople = other ? (roleA === 'leader' ? other.leaders : roleA === 'officer' ? other.officers : [...other.leaders, ...other.officers]) : [];
  const label = (p: { name: string; phone?: string }) => p.name;
  const personOptions = (list: { id: number; name: string }[]) => list.map((p) => ({ value: p.id, label: label(p) }));
  const leaders = useMemo(() => people.filter((p) => p.active && p.roles.includes('leader')), [people]);
  const officers = useMemo(() => people.filter((p) => p.active && p.roles.includes('officer')), [people]);

  const submit = async () => {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    setSaving(true);
    try {
      let m: RosterMonth;
      if (mode === 'swap') {
        m = await api.roster.swap({
          shiftA: shift.id,
          personA: v.personA as number,
          shiftB: v.shiftB as number,
          personB: v.personB as number,
          reason: (v.reason as string) ?? '',
          confirmedBy: (v.confirmedBy as number[]) ?? [],
          baseVersion: conflict.base,
        });
      } else if (mode === 'substitute') {
        m = await api.roster.substitute({
          shiftId: shift.id,
          personId: v.personA as number,
          substituteId: v.substituteId as number,
          reason: (v.reason as string) ?? '',
          confirmedBy: (v.confirmedBy as number[]) ?? [],
          baseVersion: conflict.base,
        });
      } else {
        m = await api.roster.editShift({ shiftId: shift.id, leaders: (v.leaders as number[]) ?? [], officers: (v.officers as number[]) ?? [], reason: (v.reason as string) ?? '', baseVersion: conflict.base });
      }
      message.success(t('roster.changed'));
      onSaved(m);
    } catch (e) {
      // Changed meanwhile: the form keeps what was chosen, over the month as it is now.
      if (!(await conflict.refused(e, async () => (await reload())?.version))) fail(e);
    } finally {
      setSaving(false);
    }
  };

  const confirmOptions = personOptions(people.filter((p) => p.active));
  // A role that may not change the roster sees the shift, and why it cannot save.
  const gate = may(mode === 'swap' ? 'roster.swap' : mode === 'substitute' ? 'roster.substitute' : 'roster.editShift');
  return (
    <Modal
      open
      title={t('roster.editTitle', { day: shift.day, shift: shift.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={620}
      okButtonProps={{ 'data-testid': 'shift-save', disabled: !gate.allowed, title: gate.reason || undefined } as Record<`data-${string}`, string>}
    >
      {conflict.alert}
      {!gate.allowed && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={gate.reason} data-testid="shift-gate" />}
      <Tabs
        activeKey={mode}
        onChange={(k) => setMode(k as Mode)}
        items={[
          { key: 'swap', label: <span data-testid="shift-tab-swap">{t('roster.swap')}</span> },
          { key: 'substitute', label: <span data-testid="shift-tab-substitute">{t('roster.substitute')}</span> },
          { key: 'edit', label: <span data-testid="shift-tab-edit">{t('roster.editShift')}</span> },
        ]}
      />
      <Form
        form={form}
        layout="vertical"
        data-testid="shift-form"
        initialValues={{ leaders: shift.leaders.map((p) => p.id), officers: shift.officers.map((p) => p.id) }}
        onFinish={() => void submit()}
      >
        {mode !== 'edit' && (
          <Form.Item name="personA" label={t('roster.swapPerson')} required>
            <Select data-testid="shift-person-a" autoFocus options={onShift.map((p) => ({ value: p.id, label: `${p.name}（${t(`role.${p.role}`)}）` }))} />
          </Form.Item>
        )}
        {mode === 'swap' && (
          <>
            <Form.Item name="shiftB" label={t('roster.swapDay')} required>
              <Select
                data-testid="shift-other-day"
                showSearch
                optionFilterProp="label"
                options={month.shifts.filter((s) => s.id !== shift.id).map((s) => ({ value: s.id, label: `${s.day} ${s.name}` }))}
                onChange={() => form.setFieldValue('personB', undefined)}
              />
            </Form.Item>
            <Form.Item name="personB" label={t('roster.swapOther')} required>
              <Select data-testid="shift-person-b" options={personOptions(otherPeople)} />
            </Form.Item>
          </>
        )}
        {mode === 'substitute' && (
          <Form.Item name="substituteId" label={t('roster.substituteBy')} required>
            <Select data-testid="shift-substitute" showSearch optionFilterProp="label" options={personOptions(roleA === 'leader' ? leaders : officers)} />
          </Form.Item>
        )}
        {mode === 'edit' && (
          <>
            <Form.Item name="leaders" label={t('roster.leaders')}>
              <Select mode="multiple" data-testid="shift-leaders" optionFilterProp="label" options={personOptions(leaders)} />
            </Form.Item>
            <Form.Item name="officers" label={t('roster.officers')}>
              <Select mode="multiple" data-testid="shift-officers" optionFilterProp="label" options={personOptions(officers)} />
            </Form.Item>
          </>
        )}
        {mode !== 'edit' && (
          <Form.Item name="confirmedBy" label={t('roster.confirmedBy')} required>
            <Select mode="multiple" data-testid="shift-confirmed-by" optionFilterProp="label" options={confirmOptions} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('roster.reason')} required>
          <Input data-testid="shift-reason" maxLength={200} onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
