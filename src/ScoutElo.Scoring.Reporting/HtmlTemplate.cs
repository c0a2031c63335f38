using System.Net;
using System.Text;

namespace ScoutElo.Scoring.Reporting;

/// <summary>The one page every HTML report of the library and the <c>scoutelo</c> tool is: a title, one stylesheet (tables,
/// headings, inline SVG charts; readable from 800 px up and printable), the body, and the result it shows as JSON in a data
/// island (<c>&lt;script type="application/json" id="scoutelo-result"&gt;</c>), so a page's numbers can be read back exactly
/// (<c>JSON.parse(document.getElementById('scoutelo-result').textContent)</c>) and are those of <c>--json</c>. Self-contained:
/// no script runs, nothing is fetched.</summary>
public static class HtmlTemplate
{
    /// <summary>The data island's element id.</summary>
    public const string ResultElementId = "scoutelo-result";

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;color:#111}"
        + "h1{font-size:1.5em}h2{margin:1.2em 0 .3em;font-size:1.2em}h3{margin:1em 0 .3em;font-size:1em}p{margin:.3em 0}"
        + "table{border-collapse:collapse;margin:.5em 0;display:block;overflow-x:auto;max-width:100%}"
        + "td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}"
        + "td:first-child,th:first-child,td.l,th.l{text-align:left}"
        + "svg{background:#fff;font-family:system-ui,sans-serif;max-width:100%;height:auto}"
        + "code{background:#f4f4f4;padding:0 .2em}@media print{body{max-width:none}}";

    /// <summary>A complete page.</summary>
    /// <param name="title">The page title (plain text; encoded here).</param>
    /// <param name="body">The body's HTML (already encoded where it holds input text).</param>
    /// <param name="resultJson">The result the page shows, as JSON (for example <c>ReportJson.Serialize(report)</c>); no data
    /// island when null.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> or <paramref name="body"/> is null.</exception>
    public static string Page(string title, string body, string? resultJson = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(body);
        var sb = new StringBuilder(body.Length + (resultJson?.Length ?? 0) + 1024);
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title><style>").Append(Style).Append("</style></head><body>").Append(body);
        if (resultJson is not null)
        {
            // JSON cannot end the script element early once "</" is written as "<\/" (the same string to a JSON reader).
            sb.Append("<script type=\"application/json\" id=\"").Append(ResultElementId).Append("\">")
                .Append(resultJson.Replace("</", "<\\/", StringComparison.Ordinal)).Append("</script>");
        }
        return sb.Append("</body></html>").ToString();
    }
}
