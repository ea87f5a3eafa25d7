using Orleans.Storage;

namespace Coordinator.Grains;

/// <summary>
/// Group commit for a reentrant grain: commands that arrive while a write is in flight are decided
/// one after another on the newest state and persisted together in the next single write. No caller
/// hears its answer before the write that contains it succeeded. On an ETag conflict the whole batch
/// is re-decided on freshly read state, never re-sent as decided.
/// </summary>
/// <param name="prepare">Before a write: e.g. move bulky data out of the state.</param>
/// <param name="written">After a write storage confirmed, with the state written.</param>
/// <param name="beforeDecide">
/// Before each round of decisions, with the state they are decided on and whether it was just read
/// back from storage after a conflict (then it is what storage holds now; otherwise it may be older,
/// e.g. after a write whose outcome is unknown): e.g. bring what the grain keeps in memory beside the
/// state up to it. If it fails, the batch fails and nothing is written.
/// </param>
internal sealed class BatchedStateWriter<TState>(
    IPersistentState<TState> state,
    Action<int> onConflict,
    string what,
    Func<TState, Task<TState>>? prepare = null,
    Action<TState>? written = null,
    Func<TState, Task>? abandoned = null,
    Func<TState, bool, Task>? beforeDecide = null)
    where TState : class
{
    private List<IPending> _pending = [];
    private Task? _flushing;

    /// <summary>The state as storage last confirmed it: what queries answer from.</summary>
    public TState Confirmed { get; private set; } = state.State;

    public Task<TResult> SubmitAsync<TResult>(Func<TState, Decision<TState, TResult>> decide)
    {
        var pending = new Pending<TResult>(decide);
        _pending.Add(pending);
        _flushing ??= FlushAsync();
        return pending.Completion.Task;
    }

    /// <summary>Adopts state read from storage (after activation or a conflict).</summary>
    public void Reload() => Confirmed = state.State;

    private async Task FlushAsync()
    {
        try
        {
            // Let requests already queued on this activation join the first batch.
            await Task.Yield();
            while (_pending.Count > 0)
            {
                var batch = _pending;
                _pending = [];
                await WriteAsync(batch);
            }
        }
        finally
        {
            _flushing = null;
        }
    }

    private async Task WriteAsync(List<IPending> batch)
    {
        var reread = false;
        for (var round = 1; ; round++)
        {
            if (beforeDecide is not null)
            {
                try
                {
                    await beforeDecide(Confirmed, reread);
                }
                catch (Exception ex)
                {
                    batch.ForEach(item => item.Fail(ex));
                    return;
                }
            }

            var working = Confirmed;
            var changed = false;
            foreach (var item in batch)
            {
                working = item.Decide(working, ref changed);
            }

            if (!changed)
            {
                batch.ForEach(item => item.Complete());
                return;
            }

            try
            {
                // E.g. move bulky data out of the state before it is written.
                if (prepare is not null)
                {
                    working = await prepare(working);
                }

                state.State = working;
                await state.WriteStateAsync();
                Confirmed = working;
                written?.Invoke(working);
                batch.ForEach(item => item.Complete());
                return;
            }
            catch (InconsistentStateException)
            {
                onConflict(round);
                try
                {
                    await state.ReadStateAsync();
                }
                catch (Exception readFailure)
                {
                    state.State = Confirmed;
                    batch.ForEach(item => item.Fail(readFailure));
                    return;
                }

                Confirmed = state.State;

                // What prepare wrote aside for the lost write (a sealed segment) is named by nothing now.
                if (abandoned is not null)
                {
                    await abandoned(Confirmed);
                }

                reread = true;
                if (round >= ConfirmedState<TState>.MaxConflictRounds)
                {
                    var conflict = new CoordinatorException(CoordinatorErrorCode.Conflict, $"{what} kept changing under this command; nothing was applied, re-read and try again");
                    batch.ForEach(item => item.Fail(conflict));
                    return;
                }
            }
            catch (Exception ex)
            {
                state.State = Confirmed;
                batch.ForEach(item => item.Fail(ex));
                return;
            }
        }
    }

    private interface IPending
    {
        TState Decide(TState current, ref bool changed);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Pending<TResult>(Func<TState, Decision<TState, TResult>> decide) : IPending
    {
        private TResult? _result;
        private Exception? _refusal;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TState Decide(TState current, ref bool changed)
        {
            try
            {
                var decision = decide(current);
                _result = decision.Result;
                _refusal = null;
                if (decision.Next is null)
                {
                    return current;
                }

                changed = true;
                return decision.Next;
            }
            catch (Exception ex)
            {
                // A refusal changes nothing; it is reported once the batch around it is settled.
                _refusal = ex;
                return current;
            }
        }

        public void Complete()
        {
            if (_refusal is not null)
            {
                Completion.TrySetException(_refusal);
            }
            else
            {
                Completion.TrySetResult(_result!);
            }
        }

        public void Fail(Exception exception) => Completion.TrySetException(_refusal ?? exception);
    }
}
