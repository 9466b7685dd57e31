/**
 * YAML output, in a module of its own that commands import only when asked for YAML. Imported by name
 * here rather than through `import('yaml')`: the bundle's chunks give a CommonJS package, imported
 * dynamically, a default export only.
 */
export { stringify } from 'yaml';
