using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;

namespace Coordinator.Grains.Campaigns;

/// <summary>
/// The coordinator's Warm Green evaluations of one cutover grain activation, run off the grain's turn: a run
/// takes seconds (calls to Green, an embedding model), and an operator's pause or abort must not wait for it.
/// A run belongs to the campaign and the Warm Green step (region and step start) that asked for it; the grain's
/// own tick reads its result from here. Once a saved state no longer wants it (the step ended, the campaign
/// paused, stopped or is another one) it is cancelled and forgotten, so a result that arrives late has nowhere
/// to go. Nothing here is durable, on purpose: a new activation finds the region still in Warm Green in storage
/// and runs the evaluation again. Used only from the grain's turns (it is not thread-safe).
/// </summary>
internal sealed class WarmRuns(TimeProvider time, Action<EvaluateWarm, string, string> ignored) : IDisposable
{
    private readonly Dictionary<EvaluateWarm, Run> _runs = [];
    private long _attempts;

    /// <summary>Runs in flight or finished and not yet forgotten.</summary>
    public int Count => _runs.Count;

    /// <summary>
    /// The answer for the effect if this activation already runs it: still running, or its result. A failed run
    /// is forgotten once read, so the step's next ask starts another (the machine retries failures).
    /// </summary>
    public bool TryAnswer(string campaignId, EvaluateWarm effect, out EffectResult answer)
    {
        if (!_runs.TryGetValue(effect, out var run) || run.CampaignId != campaignId)
        {
            answer = null!;
            return false;
        }

        if (!run.Task.IsCompleted)
        {
            answer = EffectResult.Running($"warm evaluation #{run.Attempt} of {effect.Region} running since {run.Started:HH:mm:ss.fff}");
            return true;
        }

        answer = run.Task.Result;
        run.Answered = true;
        if (answer.Failed is not null)
        {
            Forget(effect, run);
        }

        return true;
    }

    /// <summary>Starts a run (<paramref name="start"/> must not run on the grain's scheduler, and never throws); answers that it runs.</summary>
    public EffectResult Start(string campaignId, EvaluateWarm effect, Func<CancellationToken, Task<EffectResult>> start)
    {
        if (_runs.Remove(effect, out var previous))
        {
            Drop(effect, previous, "replaced");
        }

        var stop = new CancellationTokenSource();
        var run = new Run(campaignId, ++_attempts, time.GetUtcNow(), stop, start(stop.Token));
        _runs[effect] = run;
        return EffectResult.Running($"warm evaluation #{run.Attempt} of {effect.Region} started");
    }

    /// <summary>
    /// Keeps only the runs the saved state still wants: the current campaign running, its region in Warm Green since
    /// the step the run was asked for. Every other run is cancelled, and its result, whenever it comes, ignored.
    /// </summary>
    public void Retain(CutoverState state)
    {
        if (_runs.Count == 0)
        {
            return;
        }

        var current = state.Current;
        foreach (var (effect, run) in _runs.ToList())
        {
            var region = current?.Regions.FirstOrDefault(r => r.Region == effect.Region);
            var wanted = current is { State: CampaignState.Running } && current.CampaignId == run.CampaignId
                && region is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.WarmGreen } && region.StepStartedAt == effect.StepStartedAt;
            if (!wanted)
            {
                _runs.Remove(effect);
                Drop(effect, run, current is null ? "no campaign" : $"campaign {current.CampaignId} is {current.State}");
            }
        }
    }

    /// <summary>Cancels every run (the activation is going away).</summary>
    public void Dispose()
    {
        foreach (var (effect, run) in _runs.ToList())
        {
            Drop(effect, run, "the activation deactivated");
        }

        _runs.Clear();
    }

    private void Forget(EvaluateWarm effect, Run run)
    {
        _runs.Remove(effect);
        run.Stop.Dispose();
    }

    /// <summary>Cancels the run; when it ends with its result unread the grain is told, off its turn, for the log.</summary>
    private void Drop(EvaluateWarm effect, Run run, string why)
    {
        if (run.Answered)
        {
            // Its result was judged: the step moved on because of it.
            run.Stop.Dispose();
            return;
        }

        run.Stop.Cancel();
        run.Task.ContinueWith(
            t =>
            {
                run.Stop.Dispose();
                ignored(effect, run.CampaignId, $"{why}; the run ended {(t.IsCompletedSuccessfully ? Outcome(t.Result) : t.Exception?.GetBaseException().Message)}");
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static string Outcome(EffectResult result) =>
        result.Failed is { } failed ? $"without a report ({failed})" : result.Refused is { } refused ? $"refused ({refused})" : "with a report";

    private sealed record Run(string CampaignId, long Attempt, DateTimeOffset Started, CancellationTokenSource Stop, Task<EffectResult> Task)
    {
        /// <summary>Its result was handed to the machine.</summary>
        public bool Answered { get; set; }
    }
}
