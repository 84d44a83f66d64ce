// Common passwords of 10 or more characters (leak lists and Vietnamese patterns), refused as new
// passwords; with the length rule, the digits-only rule and the username rule.
export const commonPasswords: ReadonlySet<string> = new Set(
  '0000000000 0123456789 0987654321 1111111111 123123123123 1234512345 1234567890 1234567890a 1234567890q 12345678910 1234567899 123456789a 123456789abc 123456@abc 12345qwert 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc 9876543210 a123456789 abc1234567 abc@123456 abcd123456 admin12345 admin123456 admin@1234 admin@12345 administrator anhyeuem123 anhyeuem1234 asdfghjkl1 asdfghjkl123 baseball123 camnangso camnangso123 congnghe123 congngheso123 conyeume123 dragon1234 emyeuanh123 football123 hanoi12345 hochiminh123 iloveyou123 iloveyou1234 letmein123 master1234 matkhau123 matkhau1234 matkhau12345 matkhau2024 matkhau2025 matkhau2026 matkhau@123 matkhaumoi monkey1234 p@ssw0rd123 passw0rd123 password12 password123 password1234 password@123 princess123 qazwsxedc123 quantri123 quantri1234 quantrivien qwerty1234 qwerty12345 qwerty123456 qwerty@123 qwertyuiop qwertyuiop123 saigon1234 sunshine123 tocongngheso trustno1234 vietnam123 vietnam1234 vietnam2024 vietnam2025 vietnam2026 welcome123 welcome1234 yeuemnhieu zaq12wsxcde zxcvbnm123'.split(
    ' ',
  ),
);
