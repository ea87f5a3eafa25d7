namespace Coordinator.TestKit;

/// <summary>
/// The audit key azure-mode silos under test are given (azure mode requires one). NOT SECRET: test
/// storage only. Tamper tests deliberately do not use it: they play someone without the key.
/// </summary>
public static class TestAuditKey
{
    /// <summary>Base64 of 32 bytes.</summary>
    public const string Base64 = "dGVzdC1vbmx5LWF1ZGl0LWtleS1ub3Qtc2VjcmV0ISE=";
}
