// A person's initials, where there is no photo: 王芳 → 王 (the family name), Wang Fang → WF.
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (/[\u3400-\u9fff]/.test(name)) return Array.from(name.trim())[0] ?? '?';
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}
