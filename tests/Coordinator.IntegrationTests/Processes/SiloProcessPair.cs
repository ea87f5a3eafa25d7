namespace Coordinator.IntegrationTests.Processes;

/// <summary>Two silo processes on Azurite: the smallest cluster that survives a silo.</summary>
public sealed class SiloProcessPair() : SiloProcessCluster(2);
