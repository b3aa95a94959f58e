// A lottery window's entry as a client sees it: the claim's 202 answer, and each entry of a draw.
const money = (amount: unknown, currency: unknown) => ({ amount: String(amount), currency: String(currency) });

/** An entry as the claim's outcome holds it (amounts as text). */
export function entryView(entry: Record<string, unknown>) {
  return {
    id: entry.id,
    window: entry.window,
    status: 'entered',
    course: { id: entry.courseId, title: entry.courseTitle, centreId: entry.centreId, centreName: entry.centreName },
    accountYear: entry.accountYear,
    coursePrice: money(entry.coursePrice, entry.currency),
    fundedAmount: money(entry.fundedAmount, entry.currency),
    learnerPart: money(entry.learnerPart, entry.currency),
    enteredOn: entry.enteredOn,
    // The entries are drawn once the window has closed, from the day after this one.
    windowClosesOn: entry.windowClosesOn,
  };
}
