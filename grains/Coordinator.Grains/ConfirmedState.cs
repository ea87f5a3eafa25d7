using Orleans.Storage;

namespace Coordinator.Grains;

/// <summary>
/// A grain's persisted state as storage last confirmed it, and the one way grains change it: decide
/// on the confirmed state, write with the ETag check, and if another activation wrote first, re-read
/// and decide again on fresh facts, never re-sending the old decision. While a write is in flight,
/// readers (interleaved queries) still see the state before it: a decision is invisible until storage
/// confirmed it, and a failed write leaves every reader exactly where it was.
/// </summary>
internal sealed class ConfirmedState<TState>(IPersistentState<TState> storage)
    where TState : class
{
    /// <summary>How many times a command is re-decided after losing an ETag race before giving up.</summary>
    public const int MaxConflictRounds = 4;

    // Set only while a write is in flight: what storage confirmed before it.
    private TState? _beforeWrite;

    // Set while a re-read is in flight: callers share it, and a command waits for it before deciding.
    private Task<bool>? _rereading;

    // Set while a command decides and writes: a re-read then would change the ETag under its decision.
    private bool _commanding;

    // Completed when no write is in flight.
    private TaskCompletionSource? _writing;

    /// <summary>What storage confirmed; never a state whose write has not succeeded.</summary>
    public TState Value => _beforeWrite ?? storage.State;

    /// <summary>The ETag of <see cref="Value"/> (null before anything was written): another activation's write changes it.</summary>
    public string? Etag => storage.Etag;

    /// <summary>Writes this activation completed; with <see cref="WriteSettled"/>, tells a probe of storage whether it may have seen this activation's own write.</summary>
    public long Writes { get; private set; }

    /// <summary>Completes when no write of this activation is in flight.</summary>
    public Task WriteSettled => _writing?.Task ?? Task.CompletedTask;

    /// <summary>
    /// Re-reads the state from storage (<see cref="StoredStateRecheck"/>); true when storage had moved
    /// past what this activation held. Calls while one runs share it. An interleaved query may ask while a
    /// command decides and writes: then nothing is read (the write's own answer confirms the state).
    /// </summary>
    public Task<bool> RereadAsync()
    {
        if (_commanding)
        {
            return Task.FromResult(false);
        }

        if (_rereading is null)
        {
            var reading = ReadAsync();
            _rereading = reading.IsCompleted ? null : reading;
            return reading;
        }

        return _rereading;

        async Task<bool> ReadAsync()
        {
            try
            {
                var held = storage.Etag;
                await storage.ReadStateAsync();
                return !string.Equals(storage.Etag, held, StringComparison.Ordinal);
            }
            finally
            {
                _rereading = null;
            }
        }
    }

    public async Task<(TResult Result, bool Changed)> DecideAndWriteAsync<TResult>(
        Func<TState, Decision<TState, TResult>> decide,
        Action<int> onConflict,
        string what,
        Func<TState, Task<TState>>? prepare = null,
        Func<TState, Task>? abandoned = null)
    {
        // A re-read a query started may outlive the query: never decide, nor write, beside it; and while this
        // command runs (its seal awaits storage too), queries start none.
        if (_rereading is { } rereading)
        {
            try
            {
                await rereading;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // It failed: what storage last confirmed is still held, and the write's ETag check stands.
            }
        }

        _commanding = true;
        try
        {
            return await DecideAndWriteRoundsAsync(decide, onConflict, what, prepare, abandoned);
        }
        finally
        {
            _commanding = false;
        }
    }

    private async Task<(TResult Result, bool Changed)> DecideAndWriteRoundsAsync<TResult>(
        Func<TState, Decision<TState, TResult>> decide,
        Action<int> onConflict,
        string what,
        Func<TState, Task<TState>>? prepare,
        Func<TState, Task>? abandoned)
    {
        for (var round = 1; ; round++)
        {
            var before = Value;
            var decision = decide(before);
            if (decision.Next is null)
            {
                return (decision.Result, false);
            }

            try
            {
                // E.g. move bulky history out of the state before it is written; a failure there is
                // storage not answering too, and nothing was applied.
                var next = prepare is null ? decision.Next : await prepare(decision.Next);
                _beforeWrite = before;
                _writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                storage.State = next;
                await storage.WriteStateAsync();
                Writes++;
                return (decision.Result, true);
            }
            catch (InconsistentStateException)
            {
                onConflict(round);
                storage.State = before;
                _beforeWrite = null;
                await storage.ReadStateAsync();

                // What prepare wrote aside for the lost write (a sealed segment) is named by nothing now.
                if (abandoned is not null)
                {
                    await abandoned(storage.State);
                }

                if (round >= MaxConflictRounds)
                {
                    throw new CoordinatorException(
                        CoordinatorErrorCode.Conflict, $"{what} kept changing under this command; nothing was applied, re-read and try again");
                }
            }
            catch (Exception ex)
            {
                // Not written, or written without an answer: keep answering from what storage last confirmed.
                // If it was written after all, the next write meets a new ETag and decides again on it.
                storage.State = before;
                throw new StorageUnavailableException(what, ex.GetType().Name);
            }
            finally
            {
                _beforeWrite = null;
                _writing?.TrySetResult();
                _writing = null;
            }
        }
    }
}
