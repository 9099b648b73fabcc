namespace PiiGuard.Shared;

/// <summary>A line of a lock file (the schema lock, the data map lock) that is not in the lock's format.</summary>
internal sealed class LockProblem
{
    public LockProblem(int line, string message)
    {
        Line = line;
        Message = message;
    }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>What is wrong with the line; never its content beyond the lock's own keywords and names.</summary>
    public string Message { get; }
}
