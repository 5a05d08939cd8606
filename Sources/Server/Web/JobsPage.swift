enum JobsPage { static let html = "<html></html>" }
