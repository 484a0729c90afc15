import PersonasData
@main struct Main { static func main() {} }
