// Runs in plain Node, inside ESLint: the one local rule, `layers/imports`, that holds the import
// rules of docs/architecture.md. eslint.config.js gives each folder its options:
//   onlyFolders  relative imports must land in one of these folders (from the repository root)
//   notFolders   relative imports must not land in any of these
//   onlyPackages bare imports must name one of these packages (a subpath such as 'antd/locale' counts)
//   notPackages  bare imports must not name any of these packages
//   noBuiltins   no Node built-in module ('node:fs', 'fs', ...)
//   why          said after each finding
// ESLint's own no-restricted-imports matches the text of a specifier only; this rule resolves a
// relative import against the importing file (so depth does not matter) and sees every way a module
// is named: import and export ... from, import type, import('...'), require('...'),
// import x = require('...') and type-level import('...').
import { isBuiltin } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const list = { type: 'array', items: { type: 'string' } };

/** The package a bare specifier names: 'antd/locale/zh_CN' -> 'antd', '@date-fns/tz/x' -> '@date-fns/tz'. */
function packageOf(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const inFolder = (path, folder) => path === folder || path.startsWith(folder + '/');

/** @param {string} root the repository root, which folder names in the options are relative to */
export function layersPlugin(root) {
  /** Why `spec`, imported by `file`, breaks the options; null where it does not. */
  function problem(spec, file, o) {
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const target = relative(root, resolve(dirname(file), spec)).split(sep).join('/');
      if (o.onlyFolders && !o.onlyFolders.some((f) => inFolder(target, f))) return `may import only ${o.onlyFolders.map((f) => f + '/').join(' and ')}, not ${target}`;
      const bad = o.notFolders?.find((f) => inFolder(target, f));
      return bad ? `must not import ${bad}/` : null;
    }
    if (o.noBuiltins && isBuiltin(spec)) return `must not import the Node built-in '${spec}'`;
    const pkg = packageOf(spec);
    if (o.notPackages?.includes(pkg)) return `must not import '${pkg}'`;
    if (o.onlyPackages && !o.onlyPackages.includes(pkg)) return `may import only the packages ${o.onlyPackages.join(', ')}, not '${pkg}'`;
    return null;
  }

  const imports = {
    meta: {
      type: 'problem',
      docs: { description: 'Holds the import rules of docs/architecture.md, folder by folder' },
      schema: [
        {
          type: 'object',
          properties: { onlyFolders: list, notFolders: list, onlyPackages: list, notPackages: list, noBuiltins: { type: 'boolean' }, why: { type: 'string' } },
          additionalProperties: false,
        },
      ],
      messages: { layer: "'{{spec}}': {{problem}}{{why}}" },
    },
    create(context) {
      const o = context.options[0] ?? {};
      const file = context.filename;
      const check = (node) => {
        // Only names written out can be checked: `import(x)` with a computed x is left alone.
        const spec = node?.type === 'Literal' && typeof node.value === 'string' ? node.value : node?.type === 'TemplateLiteral' && node.expressions.length === 0 ? node.quasis[0].value.cooked : null;
        if (spec === null) return;
        const p = problem(spec, file, o);
        if (p) context.report({ node, messageId: 'layer', data: { spec, problem: p, why: o.why ? `: ${o.why}` : '' } });
      };
      return {
        ImportDeclaration: (n) => check(n.source),
        ExportNamedDeclaration: (n) => check(n.source),
        ExportAllDeclaration: (n) => check(n.source),
        ImportExpression: (n) => check(n.source),
        TSExternalModuleReference: (n) => check(n.expression),
        TSImportType: (n) => check(n.argument?.type === 'TSLiteralType' ? n.argument.literal : n.argument),
        CallExpression: (n) => {
          if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) check(n.arguments[0]);
        },
      };
    },
  };
  return { meta: { name: 'duty-desk-layers' }, rules: { imports } };
}
