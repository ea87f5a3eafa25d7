using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using Coordinator.Domain;

namespace Coordinator.Core.Tests.Campaigns.Machine;

/// <summary>
/// Drives the machine the way the cutover grain does (ask, run the effects, save, ask again), on a
/// clock the test moves, with a hook to lose a save as a crash between an effect and its save would.
/// Given a <see cref="CampaignStore"/>, it is one activation of the grain: it reads the stored state
/// at every tick and saves only onto the state it decided on (the ETag check).
/// </summary>
internal sealed class MachineDriver(RegionWorld world, CampaignStore? store = null)
{
    public static readonly ImmutableHashSet<string> Registered = ["eu-west", "us-east", "us-west", "ap-south"];

    private ImmutableDictionary<string, DateTimeOffset> _holdClock = ImmutableDictionary<string, DateTimeOffset>.Empty;

    public CutoverState State { get; private set; } = new();

    public DateTimeOffset Now { get; set; } = CampaignSamples.T0;

    /// <summary>When each effect ran (effects take a millisecond of test time each).</summary>
    public List<(CampaignEffect Effect, DateTimeOffset At)> RanAt { get; } = [];

    /// <summary>Every saved state, in order.</summary>
    public List<CutoverState> Saved { get; } = [];

    /// <summary>Return true to lose this save, as if the silo died after the effects ran and before the write.</summary>
    public Func<CutoverState, bool> CrashBeforeSave { get; set; } = _ => false;

    /// <summary>Ends the tick right after a save that satisfies it, so a test can look at the world between two steps.</summary>
    public Func<CampaignStatus, bool> EndTickAfter { get; set; } = _ => false;

    public CampaignStatus Status => State.Current!;

    public TResult Command<TResult>(Func<CutoverState, Decision<CutoverState, TResult>> command)
    {
        State = store?.Current ?? State;
        var decision = command(State);
        if (decision.Next is { } next)
        {
            Assert.True(Save(next), "a command lost its ETag race in a test that does not race commands");
        }

        return decision.Result;
    }

    public CampaignStatus Start(CampaignSpec spec) => Command(s => CampaignMachine.Start(s, "rag-api", spec, Registered, Now, AuditKey.DemoNotSecret)).Status;

    /// <summary>One timer tick of the grain; false when a crash lost a save (the new activation starts from the saved state).</summary>
    public bool Tick()
    {
        State = store?.Current ?? State;
        var results = EffectResults.None;
        var tickStartedAt = Now;
        for (var decisions = 0; decisions < 200; decisions++)
        {
            var step = CampaignMachine.Tick(State, tickStartedAt, Now, results, _holdClock);
            _holdClock = step.HoldClock;
            Assert.False(step.Effects.Count > 0 && step.Next is not null, "the machine asked for effects and a save at once");
            if (step.Effects.Count > 0)
            {
                Assert.All(step.Effects, e => Assert.False(results.TryGet(e, out _), $"{e} was asked for again after it answered"));
                results = results.With(step.Effects.Select(e => KeyValuePair.Create(e, Run(e))));
                continue;
            }

            if (step.Next is null)
            {
                return true;
            }

            if (CrashBeforeSave(step.Next))
            {
                _holdClock = ImmutableDictionary<string, DateTimeOffset>.Empty;
                return false;
            }

            if (!Save(step.Next))
            {
                return true;
            }

            results = EffectResults.None;
            if (!step.Continue || EndTickAfter(Status))
            {
                return true;
            }
        }

        throw new InvalidOperationException("the machine did not settle within 200 decisions in one tick");
    }

    /// <summary>Ticks every <paramref name="step"/> of test time until the campaign satisfies <paramref name="condition"/>.</summary>
    public CampaignStatus RunUntil(Func<CampaignStatus, bool> condition, string expected, TimeSpan? step = null, int maxTicks = 2000)
    {
        for (var tick = 0; tick < maxTicks; tick++)
        {
            if (condition(Status))
            {
                return Status;
            }

            Tick();
            Now += step ?? TimeSpan.FromSeconds(1);
        }

        throw new Xunit.Sdk.XunitException($"after {maxTicks} ticks still waiting for {expected}; the campaign is {Status.State} ({Status.Reason})");
    }

    private EffectResult Run(CampaignEffect effect)
    {
        Now += TimeSpan.FromMilliseconds(1);
        RanAt.Add((effect, Now));
        return world.Run(effect, State.Current!.CampaignId);
    }

    /// <returns>False when another activation saved first: this one re-reads and decides again next tick.</returns>
    private bool Save(CutoverState next)
    {
        if (next.Current is { } current && !ReferenceEquals(current, State.Current) && State.Current?.CampaignId == current.CampaignId)
        {
            Assert.Equal(State.Current.Version + 1, current.Version);
        }

        if (store is not null && !store.TryWrite(State, next))
        {
            State = store.Current;
            return false;
        }

        State = next;
        Saved.Add(next);
        return true;
    }
}

/// <summary>The cutover grain's stored state with its ETag check: a write succeeds only onto the state it was decided on.</summary>
internal sealed class CampaignStore
{
    public CutoverState Current { get; private set; } = new();

    public int Conflicts { get; private set; }

    public bool TryWrite(CutoverState decidedOn, CutoverState next)
    {
        if (!ReferenceEquals(decidedOn, Current))
        {
            Conflicts++;
            return false;
        }

        Current = next;
        return true;
    }
}
