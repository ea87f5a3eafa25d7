namespace Coordinator.IntegrationTests.Processes;

/// <summary>Three silo processes on Azurite, as deployed: one can die and two survivors still vote it dead.</summary>
public sealed class SiloProcessTrio() : SiloProcessCluster(3);
