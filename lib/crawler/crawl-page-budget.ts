// maxPages counts reported pages (blocked URLs have their own cap). A page is reserved when its
// task starts, so concurrent tasks can never overshoot, and recorded when it is reported; a
// reservation is given back when the URL goes back to the queue (retry, abort).

export class PageBudget {
  private reservedCount = 0;

  /** `recorded` starts at the pages a resumed crawl already reported. */
  constructor(
    readonly maxPages: number,
    private recordedCount = 0,
  ) {}

  get recorded(): number {
    return this.recordedCount;
  }

  get reserved(): number {
    return this.reservedCount;
  }

  get full(): boolean {
    return this.recordedCount + this.reservedCount >= this.maxPages;
  }

  /** Reserve a page without checking `full` (the caller just did). */
  reserve(): void {
    this.reservedCount++;
  }

  tryReserve(): boolean {
    if (this.full) return false;
    this.reservedCount++;
    return true;
  }

  /** Give `count` reservations back: their URLs were not reported. */
  release(count = 1): void {
    this.reservedCount -= count;
  }

  /** A reserved page was reported. */
  record(): void {
    this.reservedCount--;
    this.recordedCount++;
  }
}
