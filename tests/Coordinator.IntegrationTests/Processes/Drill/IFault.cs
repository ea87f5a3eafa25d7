namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>
/// Something that strikes a running drill (a kill, a partition, a storage outage). It starts as the
/// campaign starts, waits for its moment by watching the run, strikes, and says what it did.
/// </summary>
public interface IFault
{
    Task<FaultRecord> StrikeAsync(LiveRun run);
}

/// <summary>A "fault" that acts as an operator would; with one in a run, the fleet serves through an operator's wait (`fleet --until-ended`).</summary>
public interface IOperatorAction;

/// <summary>The record of an operator's abort of a campaign that waited for one.</summary>
public interface IOperatorAborted
{
    /// <summary>The name the abort was sent with (the campaign's reason then reads "aborted by NAME: ...").</summary>
    string Operator { get; }

    /// <summary>Why the campaign waited, as it said.</summary>
    string Waiting { get; }
}

/// <summary>What a fault did, for the checks.</summary>
public abstract record FaultRecord(string Description);

/// <summary>A silo process SIGKILLed at <paramref name="At"/>, while <paramref name="Region"/> held.</summary>
public sealed record SiloKilled(string Silo, int SiloPort, DateTimeOffset At, string Region, bool WasCutoverHost)
    : FaultRecord($"SIGKILLed {Silo} (silo port {SiloPort}){(WasCutoverHost ? ", the cutover grain's host," : string.Empty)} at {At:O} while {Region} held");
