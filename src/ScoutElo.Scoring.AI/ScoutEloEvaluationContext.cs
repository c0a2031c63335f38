using Microsoft.Extensions.AI.Evaluation;

namespace ScoutElo.Scoring.AI;

/// <summary>What ScoutElo's evaluators need beyond the conversation: the task, the source text a response must stay faithful
/// to, gold references and the serving node. Pass it in <c>additionalContext</c> of
/// <see cref="IEvaluator.EvaluateAsync"/>; without it an item is an open-ended task with no source and no reference.</summary>
public sealed class ScoutEloEvaluationContext : EvaluationContext
{
    /// <summary>The context's name in evaluation results.</summary>
    public const string ContextName = "ScoutElo input";

    /// <summary>Creates the context.</summary>
    /// <param name="task">The task.</param>
    /// <param name="context">The source text (a document to summarize, retrieved passages), or null.</param>
    /// <param name="references">Gold references, or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="task"/> is not defined.</exception>
    public ScoutEloEvaluationContext(TaskKind task, string? context = null, IReadOnlyList<string>? references = null)
        : this(new ScoringInput { Task = Checked(task), Context = context, References = references ?? [], Response = "" })
    {
    }

    /// <summary>Creates the context from everything of a scoring input but its query and response (which the conversation
    /// gives): task, context, references, alternate samples, external judgments, serving metrics and node.</summary>
    /// <param name="input">The input.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public ScoutEloEvaluationContext(ScoringInput input)
        : base(ContextName, Describe(input ?? throw new ArgumentNullException(nameof(input))))
    {
        Template = input;
    }

    /// <summary>The input the query and response are set into.</summary>
    public ScoringInput Template { get; }

    /// <summary>The task.</summary>
    public TaskKind Task => Template.Task;

    /// <summary>The source text, or null.</summary>
    public string? Context => Template.Context;

    /// <summary>The gold references.</summary>
    public IReadOnlyList<string> References => Template.References;

    private static TaskKind Checked(TaskKind task) =>
        Enum.IsDefined(task) ? task : throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task.");

    private static string Describe(ScoringInput input) =>
        $"task: {input.Task}" + (input.Context is null ? "" : $"\ncontext: {input.Context}") + (input.References is { Count: > 0 } r ? "\nreferences: " + string.Join(" | ", r) : "");
}
