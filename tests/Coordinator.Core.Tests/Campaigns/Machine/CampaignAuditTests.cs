using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using Coordinator.Domain;
using static Coordinator.Core.Tests.Campaigns.Machine.MachineSamples;

namespace Coordinator.Core.Tests.Campaigns.Machine;

/// <summary>Every campaign command joins the service's keyed chain with its operator; ticks and replays do not.</summary>
public sealed class CampaignAuditTests
{
    private static readonly AuditKey Key = AuditKey.DemoNotSecret;
    private readonly MachineDriver _driver = new(World());

    [Fact]
    public void Start_pause_resume_and_abort_are_chained_with_their_operators_and_replays_and_ticks_are_not()
    {
        _driver.Start(Spec());
        Assert.False(CampaignMachine.Start(_driver.State, "rag-api", Spec(), MachineDriver.Registered, _driver.Now, Key).IsChange);
        RunUntil(_driver, s => s.Regions[0].Step == ChecklistStep.WarmGreen, "eu-west in warm-green");
        var afterTicks = _driver.State.AuditCount;
        _driver.Command(s => CampaignMachine.Pause(s, "cmp-1", "bob", "incident elsewhere", _driver.Now, Key));
        Assert.False(CampaignMachine.Pause(_driver.State, "cmp-1", "bob", "again", _driver.Now, Key).IsChange);
        _driver.Command(s => CampaignMachine.Resume(s, "cmp-1", "carol", "incident over", _driver.Now, Key));
        _driver.Command(s => CampaignMachine.Abort(s, "cmp-1", "dave", "pager went off", _driver.Now, Key));

        var chain = _driver.State.Audit;
        Assert.Equal(1, afterTicks);
        Assert.Equal(["campaign-start", "campaign-pause", "campaign-resume", "campaign-abort"], chain.Select(e => e.Command));
        Assert.Equal(["alice", "bob", "carol", "dave"], chain.Select(e => e.Operator));
        Assert.Equal("campaign=cmp-1;reason=pager went off", chain[3].Detail);
        Assert.StartsWith("campaign=cmp-1;state=Running;", chain[3].Before, StringComparison.Ordinal);
        Assert.StartsWith("campaign=cmp-1;state=RollingBack;", chain[3].After, StringComparison.Ordinal);
        var result = AuditChain.Verify(chain, Key, _driver.State.AuditHead, _driver.State.AuditCount);
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(4, result.KeyedEntryCount);
    }

    [Fact]
    public void Approvals_and_rollbacks_are_chained_and_the_chain_carries_over_to_the_next_campaign()
    {
        _driver.Start(Spec(ApprovalMode.Manual));
        RunUntil(_driver, s => s.State == CampaignState.WaitingForApproval, "waiting for approval");
        _driver.Command(s => CampaignMachine.Approve(s, "cmp-1", "bob", "canary healthy", _driver.Now, Key));
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
        _driver.Command(s => CampaignMachine.Rollback(s, "cmp-1", "carol", "index regressed", _driver.Now, Key));
        RunUntil(_driver, s => s.State == CampaignState.RolledBack, "the rollback to finish");
        _driver.Start(Spec() with { CampaignId = "cmp-2" });

        var chain = _driver.State.Audit;
        Assert.Equal(["campaign-start", "campaign-approve", "campaign-rollback", "campaign-start"], chain.Select(e => e.Command));
        Assert.Equal(["alice", "bob", "carol", "alice"], chain.Select(e => e.Operator));
        Assert.Contains("campaign=cmp-2", chain[3].Detail, StringComparison.Ordinal);
        Assert.True(AuditChain.Verify(chain, Key, _driver.State.AuditHead, _driver.State.AuditCount).IsValid);
        Assert.False(AuditChain.Verify(chain, AuditKey.TryParse(Convert.ToBase64String(new byte[32]), out _), _driver.State.AuditHead, 4).IsValid);
    }
}
