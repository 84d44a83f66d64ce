/** Usernames are compared lower-case and trimmed. */
export function foldUsername(username: string): string {
  return username.trim().toLowerCase().slice(0, 64);
}

const usernamePattern = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** Why a chosen username is refused (Vietnamese), or null. */
export function usernameProblem(username: string): string | null {
  return usernamePattern.test(username) ? null : 'Tên đăng nhập gồm 3–32 ký tự: chữ thường không dấu (a–z), số, dấu chấm, gạch ngang hoặc gạch dưới.';
}
