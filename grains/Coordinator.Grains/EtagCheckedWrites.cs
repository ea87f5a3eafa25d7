using Orleans.Storage;

namespace Coordinator.Grains;

/// <summary>
/// The one way grains change persisted state: decide on the current state, write with the ETag
/// check, and if another activation wrote first, re-read and decide again on fresh facts — never
/// re-send the old decision.
/// </summary>
internal static class EtagCheckedWrites
{
    /// <summary>How many times a command is re-decided after losing an ETag race before giving up.</summary>
    public const int MaxConflictRounds = 4;

    public static async Task<(TResult Result, bool Changed)> DecideAndWriteAsync<TState, TResult>(
        this IPersistentState<TState> state,
        Func<TState, Decision<TState, TResult>> decide,
        Action<int> onConflict,
        string what,
        Func<TState, Task<TState>>? prepare = null)
        where TState : class
    {
        for (var round = 1; ; round++)
        {
            var before = state.State;
            var decision = decide(before);
            if (decision.Next is null)
            {
                return (decision.Result, false);
            }

            try
            {
                // E.g. move bulky history out of the state before it is written.
                state.State = prepare is null ? decision.Next : await prepare(decision.Next);
                await state.WriteStateAsync();
                return (decision.Result, true);
            }
            catch (InconsistentStateException)
            {
                onConflict(round);
                await state.ReadStateAsync();
                if (round >= MaxConflictRounds)
                {
                    throw new CoordinatorException(
                        CoordinatorErrorCode.Conflict, $"{what} kept changing under this command; nothing was applied, re-read and try again");
                }
            }
            catch
            {
                // Not written (or unknown): keep answering from what storage last confirmed.
                state.State = before;
                throw;
            }
        }
    }
}
