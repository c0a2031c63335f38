using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Cli;

/// <summary>The item-level section of the <c>score</c> and <c>evaluate</c> pages: every item with its composite, every
/// dimension and why a dimension did not apply, worst first, so "which answers failed, and why" has an answer. With
/// <c>--compare</c> (a previous <c>score --out</c> JSONL) each item also shows its previous composite and the change, the
/// biggest drops first. The rows are rendered in the browser from the embedded JSON (sortable by any column, filterable by
/// text, expandable to the query and response); the page needs no network.</summary>
internal static class ItemReportHtml
{
    /// <summary>One item of the page.</summary>
    public sealed record Item(string Id, string Task, string Query, string Response, double? Composite,
        IReadOnlyDictionary<string, double?> Dimensions, IReadOnlyDictionary<string, string> Reasons, double? Label = null, double? Previous = null);

    private const int MaxText = 2000; // characters of a query or response kept on the page

    /// <summary>The items of a run, from the records and their reports (and the label's values, for evaluate).</summary>
    public static List<Item> From(IReadOnlyList<LoggedOutput> records, IReadOnlyList<QualityReport> reports, IReadOnlyDictionary<string, double>? previous, string? label = null)
    {
        var items = new List<Item>(records.Count);
        for (int i = 0; i < records.Count; i++)
        {
            var report = reports[i];
            var dims = report.Dimensions.ToDictionary(d => d.Name, d => d.Score.Value, StringComparer.Ordinal);
            var reasons = report.Dimensions.Where(d => !d.Score.IsApplicable).ToDictionary(d => d.Name, d => d.Score.Reason, StringComparer.Ordinal);
            double? labelValue = label is not null && records[i].Labels.TryGetValue(label, out double l) ? l : null;
            double? before = previous is not null && previous.TryGetValue(records[i].Id, out double p) ? p : null;
            items.Add(new Item(records[i].Id, records[i].Input.Task.ToString().ToLowerInvariant(), Clip(records[i].Input.Query), Clip(records[i].Input.Response),
                report.Composite.Value, dims, reasons, labelValue, before));
        }
        return items;
    }

    private static string Clip(string text) => text.Length <= MaxText ? text : string.Concat(text.AsSpan(0, MaxText), "…");

    /// <summary>Reads a previous <c>score --out</c> JSONL: each row's id and composite (rows without a composite are absent).</summary>
    public static Dictionary<string, double> ReadPrevious(string flag, string path)
    {
        string file = InputFiles.RequireFile(flag, path, "previous scores (score --out JSONL)");
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        int line = 0;
        foreach (string text in File.ReadLines(file))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
                    throw new FormatException($"{flag}: {path}:{line}: expected a score row with a string \"id\" (the JSONL that score --out writes).");
                if (root.TryGetProperty("composite", out var c) && c.ValueKind == JsonValueKind.Number) map[id.GetString()!] = c.GetDouble();
            }
            catch (JsonException e)
            {
                throw new FormatException($"{flag}: {path}:{line}: not JSON ({e.Message.Split('.')[0]}); expected the JSONL that score --out writes.", e);
            }
        }
        return map;
    }

    /// <summary>The section: a summary, the filter, the table (rendered from the embedded JSON) and its script.</summary>
    public static string Section(IReadOnlyList<Item> items, string? compareName, string? label)
    {
        var names = items.SelectMany(i => i.Dimensions.Keys).Distinct(StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        int withComposite = items.Count(i => i.Composite is not null);
        sb.Append("<h2 id=\"items-title\">Items</h2><p id=\"items-summary\">")
            .Append(CultureInfo.InvariantCulture, $"{items.Count} item(s), {withComposite} with a composite, {items.Count - withComposite} without (the reasons are in the rows)");
        if (compareName is not null)
        {
            var compared = items.Where(i => i.Composite is not null && i.Previous is not null).ToList();
            int worse = compared.Count(i => i.Composite < i.Previous - 1e-9), better = compared.Count(i => i.Composite > i.Previous + 1e-9);
            sb.Append(CultureInfo.InvariantCulture, $"; against <code>{WebUtility.HtmlEncode(compareName)}</code>: {worse} worse, {better} better, {compared.Count - worse - better} unchanged, {items.Count - compared.Count} not in both");
        }
        sb.Append(".</p><p>Worst first")
            .Append(compareName is not null ? " (the biggest drops first)" : "")
            .Append("; click a column to sort by it, a row to see its query and response (a link ending in <code>#q=TEXT</code> opens the page filtered). <label>Filter <input id=\"items-filter\" type=\"search\" placeholder=\"id, task or text\"></label></p>")
            .Append("<noscript><p>The item table is drawn by the page's script; the same data is in the JSON embedded below it.</p></noscript>")
            .Append("<table id=\"items\"><thead></thead><tbody></tbody></table>");
        var data = new Dictionary<string, object?>
        {
            ["dimensions"] = names,
            ["compare"] = compareName is not null,
            ["label"] = label,
            ["items"] = items.Select(i => new Dictionary<string, object?>
            {
                ["id"] = i.Id, ["task"] = i.Task, ["query"] = i.Query, ["response"] = i.Response, ["composite"] = i.Composite,
                ["dimensions"] = i.Dimensions, ["reasons"] = i.Reasons, ["label"] = i.Label, ["previous"] = i.Previous,
            }).ToList(),
        };
        // The serializer's default encoder escapes <, > and &, so no text of an item can end the script element.
        sb.Append("<script type=\"application/json\" id=\"items-data\">").Append(JsonSerializer.Serialize(data)).Append("</script>");
        sb.Append("<style>#items tr.row{cursor:pointer}#items tr.row:hover{background:#f6f8fa}#items td.na{color:#999}#items .worse{color:#b00020}"
            + "#items .better{color:#1a7f37}#items tr.detail td{white-space:pre-wrap;text-align:left;max-width:900px}th.sort{cursor:pointer}</style>");
        sb.Append("<script>").Append(Script).Append("</script>");
        return sb.ToString();
    }

    /// <summary>Draws the table from the embedded JSON: sortable headers, a text filter, rows that expand.</summary>
    private const string Script = """
        (function () {
          var data = JSON.parse(document.getElementById('items-data').textContent);
          var table = document.getElementById('items'), head = table.tHead, body = table.tBodies[0];
          var filter = document.getElementById('items-filter');
          var fmt = function (v) { if (v === null || v === undefined) return 'n/a'; var s = v.toFixed(3); return s === '-0.000' ? '0.000' : s; };
          var cols = [{ key: 'id', name: 'id', get: function (i) { return i.id; }, text: true },
                      { key: 'task', name: 'task', get: function (i) { return i.task; }, text: true },
                      { key: 'composite', name: 'composite', get: function (i) { return i.composite; } }];
          if (data.compare) {
            cols.push({ key: 'previous', name: 'previous', get: function (i) { return i.previous; } });
            cols.push({ key: 'delta', name: 'change', get: function (i) { return i.composite === null || i.previous === null ? null : i.composite - i.previous; } });
          }
          if (data.label) cols.push({ key: 'label', name: 'label ' + data.label, get: function (i) { return i.label; } });
          data.dimensions.forEach(function (d) { cols.push({ key: 'd:' + d, name: d, get: function (i) { var v = i.dimensions[d]; return v === undefined ? null : v; }, dim: d }); });
          var sortKey = data.compare ? 'delta' : 'composite', ascending = true;
          function cmp(a, b, col) {
            var x = col.get(a), y = col.get(b);
            if (x === null && y === null) return 0;
            if (x === null) return 1;   // not applicable last, whatever the direction
            if (y === null) return -1;
            var r = col.text ? String(x).localeCompare(String(y)) : x - y;
            return ascending ? r : -r;
          }
          function drawHead() {
            var tr = document.createElement('tr');
            cols.forEach(function (c) {
              var th = document.createElement('th');
              th.className = 'sort' + (c.text ? ' l' : '');
              th.textContent = c.name + (c.key === sortKey ? (ascending ? ' ▲' : ' ▼') : '');
              th.addEventListener('click', function () { if (sortKey === c.key) ascending = !ascending; else { sortKey = c.key; ascending = true; } draw(); });
              tr.appendChild(th);
            });
            head.replaceChildren(tr);
          }
          function draw() {
            drawHead();
            var q = filter.value.trim().toLowerCase();
            var col = cols.filter(function (c) { return c.key === sortKey; })[0];
            var rows = data.items.filter(function (i) { return !q || (i.id + ' ' + i.task + ' ' + i.query + ' ' + i.response).toLowerCase().indexOf(q) >= 0; });
            rows.sort(function (a, b) { return cmp(a, b, col); });
            body.replaceChildren();
            rows.forEach(function (i) {
              var tr = document.createElement('tr');
              tr.className = 'row';
              tr.dataset.id = i.id;
              cols.forEach(function (c) {
                var td = document.createElement('td'), v = c.get(i);
                if (c.text) { td.textContent = v; td.className = 'l'; }
                else {
                  td.textContent = c.key === 'delta' && v !== null && v > 0 ? '+' + fmt(v) : fmt(v);
                  if (v === null) { td.className = 'na'; if (c.dim && i.reasons[c.dim]) td.title = i.reasons[c.dim]; }
                  if (c.key === 'delta' && v !== null) td.className = v < -1e-9 ? 'worse' : v > 1e-9 ? 'better' : '';
                }
                tr.appendChild(td);
              });
              var detail = document.createElement('tr');
              detail.className = 'detail';
              detail.hidden = true;
              var cell = document.createElement('td');
              cell.colSpan = cols.length;
              var reasons = Object.keys(i.reasons).map(function (k) { return k + ': ' + i.reasons[k]; }).join('\n');
              cell.textContent = 'query: ' + i.query + '\n\nresponse: ' + i.response + (reasons ? '\n\nnot applicable:\n' + reasons : '');
              detail.appendChild(cell);
              tr.addEventListener('click', function () { detail.hidden = !detail.hidden; });
              body.appendChild(tr);
              body.appendChild(detail);
            });
            table.dataset.rows = String(rows.length);
          }
          // A link can carry a filter: index.html#q=TEXT opens the page filtered.
          var m = /^#q=(.*)$/.exec(location.hash);
          if (m) filter.value = decodeURIComponent(m[1]);
          filter.addEventListener('input', draw);
          draw();
        })();
        """;
}
