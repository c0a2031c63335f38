namespace ScoutElo.Scoring.Dimensions;

/// <summary>The built-in dimensions and their defaults, constructed in one place (the model only knows
/// <see cref="IQualityDimension"/>).</summary>
public static class BuiltInDimensions
{
    /// <summary>The eight built-in dimensions in their canonical order: model-prior, cost-prior, structure, semantic, alignment,
    /// agreement, faithfulness, salience.</summary>
    /// <param name="history">Node history for <c>model-prior</c>; a new empty in-memory history when null.</param>
    /// <param name="agreement">Options for <c>agreement</c> (e.g. judgment scales inferred over a dataset).</param>
    /// <returns>New dimension instances.</returns>
    public static IReadOnlyList<IQualityDimension> Create(INodeQualityHistory? history = null, AgreementOptions? agreement = null) =>
    [
        new ModelPriorDimension(history ?? new InMemoryNodeQualityHistory()),
        new CostPriorDimension(),
        new StructureDimension(),
        new SemanticDimension(),
        new AlignmentDimension(),
        new AgreementDimension(agreement),
        new FaithfulnessDimension(),
        new SalienceDimension(),
    ];

    /// <summary>Creates a scorer with the eight built-in dimensions (<see cref="Create"/>) and equal weights. (It lives here,
    /// not on <see cref="QualityScorer"/>, so the model does not depend on the dimensions it is built from.)</summary>
    /// <param name="history">Node history for <c>model-prior</c>; a new empty in-memory history when null.</param>
    /// <returns>The scorer.</returns>
    public static QualityScorer CreateScorer(INodeQualityHistory? history = null) => new(Create(history));
}
