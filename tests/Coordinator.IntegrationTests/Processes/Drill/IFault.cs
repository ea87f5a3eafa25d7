namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>
/// Something that strikes a running drill (a kill, a partition, a storage outage). It starts as the
/// campaign starts, waits for its moment by watching the run, strikes, and says what it did.
/// </summary>
public interface IFault
{
    Task<FaultRecord> StrikeAsync(LiveRun run);
}

/// <summary>What a fault did, for the checks.</summary>
public abstract record FaultRecord(string Description);

/// <summary>A silo process SIGKILLed at <paramref name="At"/>, while <paramref name="Region"/> held.</summary>
public sealed record SiloKilled(string Silo, int SiloPort, DateTimeOffset At, string Region, bool WasCutoverHost)
    : FaultRecord($"SIGKILLed {Silo} (silo port {SiloPort}){(WasCutoverHost ? ", the cutover grain's host," : string.Empty)} at {At:O} while {Region} held");
