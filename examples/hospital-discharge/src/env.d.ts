// Single-file components for the type checker (Vite compiles them; their types are not checked here).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent<object, object, unknown>;
  export default component;
}
