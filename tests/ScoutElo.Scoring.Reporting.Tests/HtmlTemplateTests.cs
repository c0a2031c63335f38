namespace ScoutElo.Scoring.Reporting.Tests;

/// <summary>Issue 33: the one page template: encoded title, one stylesheet, the result as a data island that cannot end early.</summary>
public sealed class HtmlTemplateTests
{
    [Fact]
    public void The_page_encodes_its_title_and_keeps_the_json_island_closed()
    {
        string page = HtmlTemplate.Page("a <b> & c", "<p>body</p>", "{\"node\":\"</script><script>alert(1)</script>\"}");
        Assert.StartsWith("<!doctype html>", page, StringComparison.Ordinal);
        Assert.Contains("<title>a &lt;b&gt; &amp; c</title>", page, StringComparison.Ordinal);
        Assert.Contains("<p>body</p>", page, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "</script>"));
        Assert.Contains("<\\/script><script>alert(1)<\\/script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(HtmlTemplate.ResultElementId, HtmlTemplate.Page("t", ""), StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => HtmlTemplate.Page(null!, ""));
    }
}
