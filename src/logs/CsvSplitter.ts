/**
 * RFC 4180 fields of CSV records fed a line at a time (quoted fields, doubled quotes, and a quoted
 * field that holds a line break, whose record continues on the next line).
 */
export class CsvSplitter {
  private fields: string[] = [];
  private field = "";
  private quoted = false;

  /** True while a quoted field is open: the record continues on the next line. */
  get open(): boolean {
    return this.quoted;
  }

  /**
   * The fields of the record this line ends, or null when a quoted field stays open.
   * @example
   * new CsvSplitter().push('1,"x, ""y"""'); // ["1", 'x, "y"']
   */
  push(line: string): string[] | null {
    if (this.quoted) this.field += "\n";
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (this.quoted) {
        if (c === '"' && line[i + 1] === '"') {
          this.field += '"';
          i++;
        } else if (c === '"') this.quoted = false;
        else this.field += c;
      } else if (c === '"') this.quoted = true;
      else if (c === ",") {
        this.fields.push(this.field);
        this.field = "";
      } else this.field += c;
    }
    if (this.quoted) return null;
    const out = [...this.fields, this.field];
    this.fields = [];
    this.field = "";
    return out;
  }
}
