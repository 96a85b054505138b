/**
 * A bounded memory of a pure function's latest results. The images of one kit repeat most of
 * their parts (the owner's row, the one-liner, the same boxes on every partner's card), and a
 * worker draws hundreds of them: what was computed for the last image is often what the next
 * one needs. The key must hold every input of the computation, so a hit is the result itself.
 */
export class Recent<Value> {
  private readonly entries = new Map<string, Value>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  get(key: string, compute: () => Value): Value {
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
