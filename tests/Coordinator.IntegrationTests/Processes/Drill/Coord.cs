using System.Collections.Concurrent;

namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>What a console command printed and how it exited.</summary>
public sealed record CommandResult(string Name, int ExitCode, string StandardOutput, string Output);

/// <summary>
/// The operator console (`coord`) as a process of its own against the drill's cluster: the command
/// line is its only interface here. The connection comes through the environment, so an account key
/// never shows on a command line.
/// </summary>
public sealed class Coord(RunDescription description, IReadOnlyDictionary<string, string> environment)
{
    private readonly ConcurrentQueue<ChildProcess> _commands = new();
    private volatile bool _closed;

    /// <summary>Every command run so far (for the logs).</summary>
    public IEnumerable<ChildProcess> Commands => _commands;

    /// <summary>From now on no command starts: a fault still polling after a failed run must not leave processes behind.</summary>
    public void Close() => _closed = true;

    public ChildProcess Start(string name, IEnumerable<string> arguments)
    {
        if (_closed)
        {
            throw new PollAbortedException($"the drill has ended; `coord` {name} is not started");
        }

        var child = ChildProcess.StartDotnet(name, description.ConsoleDll, arguments, environment);
        _commands.Enqueue(child);
        return child;
    }

    public async Task<CommandResult> RunAsync(string name, params string[] arguments)
    {
        var child = Start(name, arguments);
        var exitCode = await child.WaitForExitAsync(description.CommandDeadline);
        return new CommandResult(name, exitCode, child.StandardOutput, child.Output);
    }

    /// <summary>Runs a `--json` command that must exit 0 and reads its answer.</summary>
    public async Task<T> JsonAsync<T>(string name, params string[] arguments)
    {
        return Read<T>(await RunAsync(name, [.. arguments, "--json"]), arguments);
    }

    /// <summary>
    /// As <see cref="JsonAsync{T}"/> for a question that changes nothing: an answer of exit 4 (no silo reached, or storage
    /// did not answer) is asked again until the run's ready deadline, as an operator would; any other failure is final.
    /// </summary>
    public async Task<T> ReadJsonAsync<T>(string name, params string[] arguments)
    {
        var result = await Poll.UntilAsync(
            () => RunAsync(name, [.. arguments, "--json"]),
            r => r.ExitCode != Unreachable,
            $"`coord {string.Join(' ', arguments)}` to reach the cluster (exit other than 4)",
            description.ReadyDeadline);
        return Read<T>(result, arguments);
    }

    /// <summary>
    /// `coord campaign VERB SERVICE CAMPAIGN --reason R --operator O`, sent again until it answers 0, or 3 (refused: the
    /// campaign no longer runs, or no longer waits): for a command whose repeat changes nothing, whose answer may be lost.
    /// </summary>
    public Task<CommandResult> CampaignCommandAsync(string verb, string reason, string operatorName) =>
        Poll.UntilAsync(
            () => RunAsync($"campaign-{verb}", "campaign", verb, description.Service, description.CampaignId, "--reason", reason, "--operator", operatorName),
            r => r.ExitCode is 0 or 3,
            $"`coord campaign {verb}` to answer (0, or 3 if the campaign no longer runs)",
            description.ReadyDeadline,
            errorsMeanNotYet: true,
            attemptTimeout: description.CommandDeadline);

    private static T Read<T>(CommandResult result, string[] arguments) =>
        result.ExitCode == 0
            ? ConsoleJson.Read<T>(result.StandardOutput, result.Name)
            : throw new InvalidOperationException($"`coord {string.Join(' ', arguments)}` exited {result.ExitCode}: {result.Output}");

    /// <summary>client/Coordinator.Console/EXIT_CODES.md: the cluster or its storage did not answer.</summary>
    private const int Unreachable = 4;

    /// <summary>The silo port `coord campaign host` names for the service's cutover grain, or null.</summary>
    public async Task<int?> HostAsync() =>
        (await JsonAsync<HostReport>("host", "campaign", "host", description.Service)).SiloPort;
}
