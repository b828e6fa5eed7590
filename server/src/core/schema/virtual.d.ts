declare module 'virtual:descriptions' {
  const all: Record<string, unknown>;
  export default all;
}
