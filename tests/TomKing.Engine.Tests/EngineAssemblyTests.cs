namespace TomKing.Engine.Tests;

[TestFixture]
public class EngineAssemblyTests
{
    [Test]
    public void Name_IsTheAssemblyName()
    {
        Assert.That(typeof(EngineAssembly).Assembly.GetName().Name, Is.EqualTo(EngineAssembly.Name));
    }
}
