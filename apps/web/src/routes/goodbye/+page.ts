// A page of plain text: nothing to run in the browser.
export const csr = false;
