namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>How long the console tests wait for the embedded silo: a console command spends seconds connecting on a busy machine.</summary>
internal static class ConsoleDeadlines
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(60);
}
