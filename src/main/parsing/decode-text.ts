// Tool output saved to a file is not always UTF-8: PowerShell's `adb logcat > file` writes
// UTF-16LE with a byte-order mark. The CLI's `parse FILE` decodes the bytes through this.

const ZERO_SHARE_FOR_UTF16 = 0.3;

/** Text of a saved tool output: UTF-8 (with or without BOM) or UTF-16 (LE or BE, BOM or not). */
export function decodeToolOutput(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16le(swapPairs(bytes.subarray(2)));
  const { even, odd } = zeroShares(bytes);
  // ASCII text in UTF-16 has a zero in every other byte.
  if (odd >= ZERO_SHARE_FOR_UTF16 && even === 0) return utf16le(bytes);
  if (even >= ZERO_SHARE_FOR_UTF16 && odd === 0) return utf16le(swapPairs(bytes));
  return utf8(bytes);
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function utf16le(bytes: Uint8Array): string {
  return new TextDecoder('utf-16le').decode(bytes);
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1] ?? 0;
    swapped[i + 1] = bytes[i] ?? 0;
  }
  return swapped;
}

/** Share of zero bytes at even and at odd offsets, over the first 4 KiB. */
function zeroShares(bytes: Uint8Array): { even: number; odd: number } {
  const length = Math.min(bytes.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < length; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const half = Math.max(1, length / 2);
  return { even: even / half, odd: odd / half };
}
