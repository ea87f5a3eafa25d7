using Orleans.Storage;

namespace Coordinator.Grains;

/// <summary>
/// Group commit for a reentrant grain: commands that arrive while a write is in flight are decided
/// one after another on the newest state and persisted together in the next single write. No caller
/// hears its answer before the write that contains it succeeded. On an ETag conflict the whole batch
/// is re-decided on freshly read state, never re-sent as decided. A write storage did not confirm, or a
/// read a batch needed first, fails the batch with <see cref="StorageUnavailableException"/>. Re-reads
/// of the stored state (<see cref="RereadAsync"/>) take their turn between batches, never inside one.
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
    private TaskCompletionSource<bool>? _reread;

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

    /// <summary>
    /// Re-reads the stored state between batches (<see cref="StoredStateRecheck"/>); true when storage had
    /// moved past the confirmed state (someone else wrote), which is then adopted and followed
    /// (<c>beforeDecide</c>, as after a conflict). Calls while one waits share it.
    /// </summary>
    public Task<bool> RereadAsync()
    {
        _reread ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reread = _reread.Task;
        _flushing ??= FlushAsync();
        return reread;
    }

    private async Task FlushAsync()
    {
        try
        {
            // Let requests already queued on this activation join the first batch.
            await Task.Yield();
            while (_pending.Count > 0 || _reread is not null)
            {
                // First, so the next batch is decided on what it read.
                if (_reread is { } reread)
                {
                    _reread = null;
                    await RereadNowAsync(reread);
                    continue;
                }

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

    private async Task RereadNowAsync(TaskCompletionSource<bool> reread)
    {
        var held = state.Etag;
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception ex)
        {
            state.State = Confirmed;
            reread.TrySetException(ex);
            return;
        }

        if (string.Equals(state.Etag, held, StringComparison.Ordinal))
        {
            // Nothing new: keep the confirmed instance, so what follows it need not look again.
            state.State = Confirmed;
            reread.TrySetResult(false);
            return;
        }

        Confirmed = state.State;
        try
        {
            if (beforeDecide is not null)
            {
                await beforeDecide(Confirmed, true);
            }

            reread.TrySetResult(true);
        }
        catch (Exception ex)
        {
            // The next batch follows it again before anything is decided.
            reread.TrySetException(ex);
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
                    var failure = NotRead(ex);
                    batch.ForEach(item => item.Fail(failure));
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
                    // Nothing of this batch was written (it lost the race): not applied.
                    state.State = Confirmed;
                    var failure = NotRead(readFailure);
                    batch.ForEach(item => item.Fail(failure));
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
                // Not written, or written without an answer: queries keep answering what storage last
                // confirmed; if it was written after all, the next write meets a new ETag and decides again.
                state.State = Confirmed;
                var failure = ex as CoordinatorException ?? new StorageUnavailableException(what, ex.GetType().Name);
                batch.ForEach(item => item.Fail(failure));
                return;
            }
        }
    }

    private CoordinatorException NotRead(Exception ex) =>
        ex as CoordinatorException ?? StorageUnavailableException.NotRead(what, ex.GetType().Name);

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
