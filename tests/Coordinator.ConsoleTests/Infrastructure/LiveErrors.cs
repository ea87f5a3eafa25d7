namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>
/// A command's standard error that a test can read while the command still runs (to react to a progress
/// line): every write and the read take one lock, so a read never sees a half-appended buffer.
/// </summary>
public sealed class LiveErrors : StringWriter
{
    private readonly Lock _gate = new();

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return ToString();
            }
        }
    }

    public override void Write(char value) => Locked(() => base.Write(value));

    public override void Write(char[] buffer, int index, int count) => Locked(() => base.Write(buffer, index, count));

    public override void Write(string? value) => Locked(() => base.Write(value));

    public override void WriteLine(string? value) => Locked(() => base.WriteLine(value));

    // A span cannot enter a lambda, so these two take the lock themselves.
    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            base.Write(buffer);
        }
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            base.WriteLine(buffer);
        }
    }

    private void Locked(Action write)
    {
        lock (_gate)
        {
            write();
        }
    }
}
