namespace TomKing.Brokerages.Tastytrade.Tests;

[TestFixture]
public class AssemblyTests
{
    [Test]
    public void Emulator_AssemblyName_IsStable()
    {
        Assert.That(typeof(Emulator.EmulatorAssembly).Assembly.GetName().Name, Is.EqualTo(Emulator.EmulatorAssembly.Name));
    }
}
