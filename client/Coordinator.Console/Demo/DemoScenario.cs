using Coordinator.Client;
using Coordinator.Console.App;
using Coordinator.Console.Operations;
using Spectre.Console;

namespace Coordinator.Console.Demo;

/// <summary>
/// The walk-through: register both arms of rag-api in three regions, flip one region to Green,
/// and show what operators and services see. Runs against any client, so it is testable.
/// </summary>
public sealed class DemoScenario(
    ConsoleIo io,
    RegisterArmOperation register,
    FlipOperation flip,
    StatusOperation status,
    AuditOperation audit)
{
    public const string Service = "rag-api";
    public const string FlipRegion = "eu-west";
    public const string Operator = "demo-operator";
    public static readonly IReadOnlyList<string> Regions = ["eu-west", "us-east", "ap-south"];

    /// <summary>How long the resolver may take to hear of the flip before it is made to re-read.</summary>
    private static readonly TimeSpan PushWait = TimeSpan.FromSeconds(5);

    /// <returns>True when every step did what it should (the flip was seen and the audit chain verified).</returns>
    public async Task<bool> RunAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        Step("1. Register Blue (today's stack) and Green (rebuilt index, newer model and prompt) in three regions");
        foreach (var region in Regions)
        {
            foreach (var arm in new[] { Arm.Blue, Arm.Green })
            {
                await register.RunAsync(client, Service, region, arm, DemoManifests.For(Service, region, arm), Operator, showManifest: false);
            }
        }

        Step($"2. A service's resolver reads {Service}/{FlipRegion} and keys its caches by the active arm");
        await using var resolver = new ActiveArmResolver(client);
        var before = await resolver.GetAsync(Service, FlipRegion);
        io.Out.MarkupLineInterpolated($"resolver cache key before: [bold]{before.CacheKey}[/]");
        var heard = new TaskCompletionSource<ActiveArm>(TaskCreationOptions.RunContinuationsAsynchronously);
        resolver.Changed += arm =>
        {
            if (arm.Region == FlipRegion && arm.Epoch > before.Epoch)
            {
                heard.TrySetResult(arm);
            }
        };

        Step($"3. Flip {FlipRegion} to Green");
        await flip.RunAsync(client, Service, FlipRegion, new FlipInput
        {
            Target = Arm.Green,
            Reason = "demo: Green passed its gates in eu-west",
            Operator = Operator,
        });

        var after = await SeeFlipAsync(resolver, heard, cancellationToken);
        var seen = after.Epoch > before.Epoch && after.Arm == Arm.Green;
        io.Out.MarkupLineInterpolated($"resolver cache key after:  [bold]{after.CacheKey}[/]");
        if (!seen)
        {
            io.Error.MarkupLineInterpolated($"[red]the resolver still serves epoch {after.Epoch} ({after.Arm.ToWire()})[/]");
        }

        Step("4. Status of every region");
        await status.RunAsync(client, Service);

        Step($"5. Audit chain of {FlipRegion}, verified on the grain and locally");
        var verdict = await audit.RunAsync(client, Service, FlipRegion, verify: true);
        return seen && verdict is { IsValid: true };
    }

    /// <summary>Waits for the flip notification; if none arrives in time, says so and re-reads.</summary>
    private async Task<ActiveArm> SeeFlipAsync(ActiveArmResolver resolver, TaskCompletionSource<ActiveArm> heard, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            var arm = await heard.Task.WaitAsync(PushWait, cancellationToken);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            io.Out.MarkupLineInterpolated($"resolver heard the flip on the flip stream after {elapsed.TotalMilliseconds:0} ms");
            return arm;
        }
        catch (TimeoutException)
        {
            io.Out.MarkupLineInterpolated($"no flip notification within {PushWait.TotalSeconds:0} s; re-reading as the resolver's periodic refresh would");
            await resolver.RefreshAllAsync();
            return await resolver.GetAsync(Service, FlipRegion);
        }
    }

    private void Step(string title)
    {
        io.Out.WriteLine();
        io.Out.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
    }
}
