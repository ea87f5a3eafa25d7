namespace Coordinator;

/// <summary>What a pure rule decided: the answer, and the next state when something changed.</summary>
public readonly record struct Decision<TState, TResult>(TState? Next, TResult Result)
    where TState : class
{
    public bool IsChange => Next is not null;

    public static Decision<TState, TResult> Unchanged(TResult result) => new(null, result);

    public static Decision<TState, TResult> Changed(TState next, TResult result) => new(next, result);
}
