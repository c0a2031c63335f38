namespace ScoutElo.Cli.Commands.Serve;

/// <summary>The bookkeeping of the service's group commit (every member is called under the service's lock): the rounds
/// staged since the last write began (each with the version it replaced, to take back), the rounds being written, and the
/// tasks requests wait on. One committer at a time writes a batch; the requests that arrive meanwhile form the next one.</summary>
internal sealed class GroupCommit
{
    private Dictionary<string, RoundParts?> _staged = new(StringComparer.Ordinal);
    private Dictionary<string, RoundParts?> _writing = new(StringComparer.Ordinal);
    private TaskCompletionSource? _stagedDone;
    private TaskCompletionSource? _writingDone;
    private Task? _committer;

    /// <summary>The ids of the batch being written.</summary>
    public IEnumerable<string> Writing => _writing.Keys;

    /// <summary>Whether a round has lines not yet durable (staged or being written).</summary>
    public bool Pending(string id) => _staged.ContainsKey(id) || _writing.ContainsKey(id);

    /// <summary>Stages a grown round; <paramref name="before"/> is the version it replaces (null: none), kept for the first
    /// stage of the round in this batch only (the one that is durable, or staged in the batch being written).</summary>
    public void Stage(string id, RoundParts? before) => _staged.TryAdd(id, before);

    /// <summary>What a request must wait for: the staged batch (starting the committer when none runs), else the batch being
    /// written, else nothing.</summary>
    public Task Durable(Action commitLoop)
    {
        if (_staged.Count > 0)
        {
            _stagedDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _committer ??= Task.Run(commitLoop);
            return _stagedDone.Task;
        }
        return _writingDone?.Task ?? Task.CompletedTask;
    }

    /// <summary>Moves the staged batch to writing; false (and the committer ends) when nothing is staged.</summary>
    public bool Begin()
    {
        if (_staged.Count == 0)
        {
            _committer = null;
            return false;
        }
        (_writing, _staged) = (_staged, new Dictionary<string, RoundParts?>(StringComparer.Ordinal));
        (_writingDone, _stagedDone) = (_stagedDone, null);
        return true;
    }

    /// <summary>Ends a write: its waiters learn the outcome. On a failure the staged batch fails too (it may rest on what was
    /// not written), and <paramref name="held"/> gets back every round as it was before either batch.</summary>
    public void End(Exception? failure, Dictionary<string, RoundParts> held)
    {
        var done = _writingDone!;
        TaskCompletionSource? alsoFailed = null;
        if (failure is not null)
        {
            Restore(_staged, held); // the later versions first, then the earlier: what stays is what was durable
            Restore(_writing, held);
            _staged = new Dictionary<string, RoundParts?>(StringComparer.Ordinal);
            (alsoFailed, _stagedDone) = (_stagedDone, null);
        }
        _writing = new Dictionary<string, RoundParts?>(StringComparer.Ordinal);
        _writingDone = null;
        if (failure is null)
        {
            done.SetResult();
            return;
        }
        var error = new IOException($"the journal could not commit ({failure.GetType().Name}); nothing of this request was kept, retry later.", failure);
        done.SetException(error);
        alsoFailed?.SetException(error);
    }

    private static void Restore(Dictionary<string, RoundParts?> undo, Dictionary<string, RoundParts> held)
    {
        foreach (var (id, before) in undo)
        {
            if (before is null) held.Remove(id);
            else held[id] = before;
        }
    }

    /// <summary>Waits for the committer to finish (at shutdown; requests have stopped).</summary>
    public void WaitIdle()
    {
        try
        {
            _committer?.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // the waiters got the failure
        }
    }
}
