package digest

// isStopword reports words that say nothing about which event an article
// covers: English function words, and words nearly every news story of a
// day uses (reporting verbs, weekdays, months, "officials"), which would
// otherwise join unrelated stories published on the same day.
func isStopword(w string) bool {
	switch w {
	// Function words.
	case "a", "about", "above", "after", "again", "against", "all", "almost", "along", "already",
		"also", "although", "am", "among", "an", "and", "another", "any", "are", "around", "as", "at",
		"be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
		"can", "cannot", "could", "did", "do", "does", "doing", "down", "during",
		"each", "either", "else", "enough", "even", "ever", "every", "few", "for", "from", "further",
		"had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
		"his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
		"least", "less", "like", "many", "may", "me", "might", "more", "most", "much", "must", "my",
		"neither", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or",
		"other", "others", "our", "ours", "out", "over", "own", "per", "perhaps", "quite", "rather",
		"same", "several", "shall", "she", "should", "since", "so", "some", "still", "such",
		"than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
		"those", "though", "through", "thus", "to", "too", "toward", "towards", "under", "until",
		"up", "upon", "us", "very", "via", "was", "we", "were", "what", "whatever", "when", "where",
		"whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
		"without", "would", "yet", "you", "your", "yours", "yourself",
		"isnt", "wasnt", "dont", "doesnt", "didnt", "wont", "cant", "couldnt", "shouldnt", "wouldnt",
		"hasnt", "havent", "hadnt", "arent", "werent", "im", "ive", "id", "youre", "theyre", "weve",
		"theyve", "thats", "theres", "lets", "whos",
		// Numbers written out and ordinals that every story uses.
		"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second",
		"third", "last", "next", "dozen", "hundreds", "thousands", "millions",
		// Reporting and filler verbs of news prose.
		"said", "say", "says", "saying", "told", "tell", "tells", "added", "add", "adds", "according",
		"stated", "noted", "asked", "announced", "reported", "reports", "report", "reporting",
		"wrote", "writes", "statement", "spokesperson", "spokesman", "spokeswoman", "confirmed",
		"get", "got", "go", "goes", "going", "gone", "make", "made", "makes", "take", "taken",
		"took", "come", "came", "comes", "see", "seen", "know", "known", "want", "wants", "use",
		"used", "put", "set", "become", "became", "need", "needs", "including", "include",
		"included", "expected", "likely",
		// Words of time and quantity that all of a day's stories share.
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
		"sep", "sept", "oct", "nov", "dec",
		"today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night",
		"day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "time",
		"times", "ago", "earlier", "later", "recent", "recently", "currently", "early", "late",
		"hour", "hours", "minute", "minutes",
		"new", "news", "people", "percent", "number", "part", "way", "lot", "well", "back",
		"officials", "official", "reporters", "mr", "mrs", "ms", "dr",
		// Wire and page furniture.
		"reuters", "afp", "ap", "associated", "press", "updated", "update", "published", "read",
		"click", "subscribe", "advertisement", "photo", "image", "video", "watch", "live", "share":
		return true
	}
	return false
}
