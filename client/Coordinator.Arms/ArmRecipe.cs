using Coordinator.Arms.Answering;
using Coordinator.Arms.Retrieval;

namespace Coordinator.Arms;

/// <summary>What a build is made of: its index recipe, rerank weights and prompt.</summary>
internal sealed record ArmRecipe(IndexRecipe Index, RerankWeights Rerank, string RerankConf, IAnswerPrompt Prompt)
{
    public static ArmRecipe For(ArmBuild build) => build switch
    {
        ArmBuild.Blue => new(
            new IndexRecipe("passage-bm25-v1", Chunking.Passage, Bigrams: false, Titles: false, K1: 1.2, B: 0.75),
            Blue, "overlap-v1;" + Blue.Describe(), new PromptV1()),
        ArmBuild.Green => new(
            new IndexRecipe("sentence-bm25-bigram-v2", Chunking.Sentence, Bigrams: true, Titles: true, K1: 1.5, B: 0.6),
            Green, "overlap-proximity-v2;" + Green.Describe(), new PromptV2()),
        _ => throw new ArgumentOutOfRangeException(nameof(build), build, "Unknown arm build."),
    };

    private static readonly RerankWeights Blue = new(Retrieval: 0.7, Overlap: 0.3, Proximity: 0);

    private static readonly RerankWeights Green = new(Retrieval: 0.5, Overlap: 0.3, Proximity: 0.2);
}
