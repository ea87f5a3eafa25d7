using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using static Coordinator.Core.Tests.Campaigns.Machine.MachineSamples;

namespace Coordinator.Core.Tests.Campaigns.Machine;

/// <summary>
/// Orleans can briefly run two activations of one cutover grain. Both decide on the state they read and
/// run the same effects (idempotent, by key); only one save lands, the other re-reads and decides
/// again. No step acts twice.
/// </summary>
public sealed class DuplicateActivationTests
{
    private readonly RegionWorld _world = World();
    private readonly CampaignStore _store = new();

    [Fact]
    public void Two_activations_racing_every_save_flip_and_move_each_region_once()
    {
        var first = new MachineDriver(_world, _store);
        var second = new MachineDriver(_world, _store);
        first.Start(Spec());

        // Before each of its saves, the first activation lets the second run a whole tick on the state
        // both read: the second saves first, so the first's save meets a changed ETag.
        var racing = false;
        first.CrashBeforeSave = _ =>
        {
            if (!racing)
            {
                racing = true;
                second.Now = first.Now;
                second.Tick();
                racing = false;
            }

            return false;
        };

        RunUntil(first, _ => _store.Current.Current!.State == CampaignState.Completed, "the campaign to complete under racing activations");

        Assert.True(_store.Conflicts > 0, "the activations never raced");
        var final = _store.Current.Current!;
        Assert.All(final.Regions, r => Assert.Equal(ChecklistSteps.All, r.Steps.Select(s => s.Step)));
        foreach (var region in final.Regions.Select(r => r.Region))
        {
            Assert.Equal([$"cmp-1/{region}/flip"], _world.Pointers[region].Audit.Select(f => f.IdempotencyKey));
            Assert.Single(_world.Consumers[region].Moves);
            Assert.Equal(Green.ConsumerVer, _world.Consumers[region].ActiveVer);
        }
    }

    [Fact]
    public void Two_activations_racing_a_rollback_flip_each_region_back_once()
    {
        _world.GreenTelemetry = w => w with { Http5xxCount = 50 };
        var first = new MachineDriver(_world, _store);
        var second = new MachineDriver(_world, _store);
        first.Start(Spec());
        var racing = false;
        first.CrashBeforeSave = next =>
        {
            if (!racing && next.Current!.State == CampaignState.RollingBack)
            {
                racing = true;
                second.Now = first.Now;
                second.Tick();
                racing = false;
            }

            return false;
        };

        RunUntil(first, _ => _store.Current.Current!.State.IsTerminal(), "the campaign to end under racing activations");

        Assert.Equal(CampaignState.RolledBack, _store.Current.Current!.State);
        Assert.True(_store.Conflicts > 0, "the activations never raced");
        Assert.Equal(["cmp-1/eu-west/flip", "cmp-1/eu-west/rollback"], _world.Pointers["eu-west"].Audit.Select(f => f.IdempotencyKey));
    }
}
