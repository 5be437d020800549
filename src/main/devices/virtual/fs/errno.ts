import { VirtualPhoneError } from '../errors.js';

export const PhoneErrno = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EIO: 5,
  EBADF: 9,
  EACCES: 13,
  EEXIST: 17,
  EXDEV: 18,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ENOSPC: 28,
  ESPIPE: 29,
  EROFS: 30,
  EPIPE: 32,
  ELOOP: 40,
  ENOTEMPTY: 39,
  ENAMETOOLONG: 36,
} as const;
export type PhoneErrno = (typeof PhoneErrno)[keyof typeof PhoneErrno];
export type PhoneErrnoCode = keyof typeof PhoneErrno;

const MESSAGES: Record<PhoneErrnoCode, string> = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  EIO: 'I/O error',
  EBADF: 'Bad file descriptor',
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  EXDEV: 'Cross-device link',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  ENOSPC: 'No space left on device',
  ESPIPE: 'Illegal seek',
  EROFS: 'Read-only file system',
  EPIPE: 'Broken pipe',
  ELOOP: 'Too many symbolic links encountered',
  ENOTEMPTY: 'Directory not empty',
  ENAMETOOLONG: 'File name too long',
};

/** A failed file-system call, with the Linux errno a real phone would give. */
export class PhoneFsError extends VirtualPhoneError {
  override readonly name = 'PhoneFsError';
  readonly errno: number;
  constructor(
    readonly code: PhoneErrnoCode,
    readonly path = '',
  ) {
    super(MESSAGES[code]);
    this.errno = PhoneErrno[code];
  }

  /** The bare strerror text, e.g. "No such file or directory". */
  get reason(): string {
    return MESSAGES[this.code];
  }
}
