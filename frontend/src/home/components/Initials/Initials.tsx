// A person's initials in a circle, where there is no photo.
import { initialsOf } from '../../initials';

export function Initials({ name }: { name: string }) {
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        flex: 'none',
        width: 44,
        height: 44,
        borderRadius: '50%',
        background: '#e6f0ff',
        color: '#003eb3',
        fontWeight: 600,
        fontSize: 15,
      }}
    >
      {initialsOf(name)}
    </span>
  );
}
