using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using Coordinator.Fences;

namespace Coordinator.Core.Tests.Campaigns.Machine;

/// <summary>
/// The regions' pointers, leases, consumer groups and telemetry as the campaign machine sees them,
/// with the same contracts as the grains (compare-and-set flips replayed by key, claims, moves
/// followed by key), so the machine can be driven through whole campaigns without Orleans.
/// </summary>
internal sealed class RegionWorld
{
    public RegionWorld(ArmManifest blue, ArmManifest green, params string[] regions)
    {
        Blue = blue;
        Green = green;
        foreach (var region in regions)
        {
            Pointers[region] = new Pointer();
            Leases[region] = new Lease { IndexHash = blue.IndexHash };
            LeaseCommands[region] = [];
            Consumers[region] = new ConsumerGroup { ActiveVer = blue.ConsumerVer };
        }
    }

    public ArmManifest Blue { get; }

    public ArmManifest Green { get; set; }

    public Dictionary<string, Pointer> Pointers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Lease> Leases { get; } = new(StringComparer.Ordinal);

    /// <summary>Per region, the freezes and unfreezes that changed its writer lease ("freeze", "unfreeze:HASH"), as its audit chain would list them.</summary>
    public Dictionary<string, List<string>> LeaseCommands { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ConsumerGroup> Consumers { get; } = new(StringComparer.Ordinal);

    /// <summary>What Green's live windows look like; Blue's baseline is always healthy.</summary>
    public Func<TelemetryWindow, TelemetryWindow> GreenTelemetry { get; set; } = w => w;

    /// <summary>Return a result to make an effect refuse or fail instead of running.</summary>
    public Func<CampaignEffect, EffectResult?> Fault { get; set; } = _ => null;

    /// <summary>Every effect that ran, in order.</summary>
    public List<CampaignEffect> Ran { get; } = [];

    public EffectResult Run(CampaignEffect effect, string campaign)
    {
        Ran.Add(effect);
        if (Fault(effect) is { } fault)
        {
            return fault;
        }

        var pointer = Pointers[effect.Region];
        switch (effect)
        {
            case FreezeWriter when Leases[effect.Region].FrozenBy == campaign:
                return EffectResult.Done();
            case FreezeWriter:
                Leases[effect.Region].FrozenBy = campaign;
                LeaseCommands[effect.Region].Add("freeze");
                return EffectResult.Done();
            case UnfreezeWriter e when Leases[effect.Region] is { FrozenBy: null } lease && lease.Pinned == e.IndexHash:
                return EffectResult.Done();
            case UnfreezeWriter e:
                Leases[effect.Region] = new Lease { IndexHash = e.IndexHash, Pinned = e.IndexHash };
                LeaseCommands[effect.Region].Add("unfreeze:" + e.IndexHash);
                return EffectResult.Done();
            case ReadLease e:
                var read = Leases[e.Region];
                return EffectResult.Done(new LeaseStatus { Writer = e.Writer, FrozenBy = read.FrozenBy, PinnedIndexHash = read.Pinned, LatestFencingToken = 0, Grants = 0, Rejections = 0 });
            case PauseConsumers:
                Consumers[effect.Region].PausedBy = campaign;
                return EffectResult.Done();
            case ResumeConsumers:
                Consumers[effect.Region].PausedBy = null;
                return EffectResult.Done();
            case ClaimPointer when pointer.Owner is { } owner && owner != campaign:
                return EffectResult.Refusal($"claimed by campaign '{owner}'");
            case ClaimPointer:
                if (pointer.Owner is null)
                {
                    pointer.Claims.Add("claim");
                }

                pointer.Owner = campaign;
                return EffectResult.Done(View(effect.Region));
            case ReleasePointer:
                if (pointer.Owner is not null)
                {
                    pointer.Claims.Add("release");
                }

                pointer.Owner = null;
                return EffectResult.Done(View(effect.Region));
            case ReadPointer:
                return EffectResult.Done(View(effect.Region));
            case FlipPointer e:
                return Flip(pointer, e.Request);
            case ReadTelemetry e:
                return EffectResult.Done(e.To <= e.From ? null : Window(e));
            case ReadMove e:
                return EffectResult.Done(Consumers[e.Region].Moves.GetValueOrDefault(e.Key));
            case MoveConsumers e:
                return EffectResult.Done(Consumers[e.Region].Move(e.Request));
            case ReadConsumers e:
                return EffectResult.Done(new ConsumerPointerStatus { Group = e.Group, ActiveConsumerVer = Consumers[e.Region].ActiveVer, Token = 1, Mode = ConsumerMode.Consuming, Counters = new ConsumerCounters() });
            default:
                throw new InvalidOperationException($"unknown effect {effect}");
        }
    }

    public ActiveArmView View(string region) => new()
    {
        Service = "rag-api",
        Region = region,
        ActiveArm = Pointers[region].Active,
        Epoch = Pointers[region].Epoch,
        Blue = Blue,
        Green = Green,
        OwnerCampaign = Pointers[region].Owner,
    };

    private static EffectResult Flip(Pointer pointer, FlipRequest request)
    {
        if (pointer.Flips.TryGetValue(request.IdempotencyKey, out var replayed))
        {
            return EffectResult.Done(replayed with { Replayed = true });
        }

        if (request.ExpectedEpoch != pointer.Epoch)
        {
            return EffectResult.Refusal($"stale epoch: expected {request.ExpectedEpoch}, the pointer is at {pointer.Epoch}");
        }

        var result = new FlipResult
        {
            From = pointer.Active,
            To = request.Target,
            Epoch = pointer.Epoch + 1,
            At = CampaignSamples.T0,
            IdempotencyKey = request.IdempotencyKey,
            AuditHash = "h" + (pointer.Epoch + 1),
        };
        (pointer.Active, pointer.Epoch) = (request.Target, result.Epoch);
        pointer.Flips[request.IdempotencyKey] = result;
        pointer.Audit.Add(result);
        return EffectResult.Done(result);
    }

    private TelemetryWindow Window(ReadTelemetry read)
    {
        var window = CampaignSamples.Window(read.Arm) with
        {
            Region = read.Region,
            From = read.From,
            To = read.To,
            Versions = PinnedVersions.Of(read.Arm == Arm.Green ? Green : Blue),
        };
        return read.Arm == Arm.Green ? GreenTelemetry(window) : window;
    }

    public sealed class Pointer
    {
        public Arm Active { get; set; } = Arm.Blue;

        public long Epoch { get; set; }

        public string? Owner { get; set; }

        public Dictionary<string, FlipResult> Flips { get; } = new(StringComparer.Ordinal);

        public List<FlipResult> Audit { get; } = [];

        /// <summary>Claims and releases that changed the owner, as the real pointer's audit chain records them.</summary>
        public List<string> Claims { get; } = [];
    }

    public sealed class Lease
    {
        public string? FrozenBy { get; set; }

        public required string IndexHash { get; init; }

        /// <summary>What the last unfreeze pinned; null before any.</summary>
        public string? Pinned { get; init; }
    }

    public sealed class ConsumerGroup
    {
        public required string ActiveVer { get; set; }

        public string? PausedBy { get; set; }

        /// <summary>How many more times a move is followed before it completes; a move that never completes fails when asked to.</summary>
        public int DrainCalls { get; set; }

        /// <summary>Moves fail (an instance never acknowledged the pause).</summary>
        public bool Stuck { get; set; }

        public Dictionary<string, MoveStatus> Moves { get; } = new(StringComparer.Ordinal);

        public MoveStatus Move(MoveRequest request)
        {
            var move = Moves.GetValueOrDefault(request.IdempotencyKey) ?? new MoveStatus
            {
                IdempotencyKey = request.IdempotencyKey,
                FromConsumerVer = ActiveVer,
                ToConsumerVer = request.ToConsumerVer,
                State = MoveState.Draining,
                StartedAt = CampaignSamples.T0,
            };
            if (move.State == MoveState.Draining)
            {
                move = Stuck ? move with { State = MoveState.Failed, Reason = "instance 'stubborn' never paused" }
                    : DrainCalls-- > 0 ? move
                    : move with { State = MoveState.Completed };
                if (move.State == MoveState.Completed)
                {
                    ActiveVer = move.ToConsumerVer;
                }
            }

            Moves[request.IdempotencyKey] = move;
            return move;
        }
    }
}
