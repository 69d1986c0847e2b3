@_exported import SafeguardFixtures
