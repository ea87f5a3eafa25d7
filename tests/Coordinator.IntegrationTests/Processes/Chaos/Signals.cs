using System.Globalization;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>POSIX signals to a child process, through kill(1): STOP and CONT freeze and thaw it, TERM asks it to stop.</summary>
public static class Signals
{
    public static async Task SendAsync(int pid, string signal)
    {
        await using var kill = ChildProcess.Start($"kill-{signal}", "kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)], Path.GetTempPath());
        var code = await kill.WaitForExitAsync(TimeSpan.FromSeconds(10));
        if (code != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} exited {code}: {kill.Output}");
        }
    }
}
