// Helpers for the program report's tests.

/** The blobs a download made while `act` ran: what `URL.createObjectURL` was handed, until one arrives. */
export async function downloadedBlobs(act: () => void): Promise<Blob[]> {
  const blobs: Blob[] = [];
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    if (blob instanceof Blob) blobs.push(blob);
    return create(blob);
  };
  try {
    act();
    for (let i = 0; i < 500 && blobs.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
  } finally {
    URL.createObjectURL = create;
  }
  return blobs;
}
