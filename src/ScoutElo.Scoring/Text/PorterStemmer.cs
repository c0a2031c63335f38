namespace ScoutElo.Scoring.Text;

/// <summary>The Porter (1980) suffix-stripping stemmer for English words.</summary>
/// <remarks>
/// <para>Implements the original algorithm as published by M. F. Porter, "An algorithm for suffix stripping" (Program 14(3), 1980),
/// following the step structure of the author's reference implementation (<see href="https://tartarus.org/martin/PorterStemmer/"/>).
/// Input is expected in lower case; words of one or two letters are returned unchanged.</para>
/// <para>rouge-score stems with NLTK's <c>PorterStemmer</c> in its default "NLTK extensions" mode, which differs from the
/// original on a small set of words (for example irregular forms such as <c>dying</c> and some short <c>-ies</c> words);
/// stemmed ROUGE values can therefore differ from rouge-score's on such words. Unstemmed values are exact.</para>
/// <para>Thread-safe (stateless).</para>
/// </remarks>
public static class PorterStemmer
{
    /// <summary>Stems one lower-case word.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The stem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2) return word;
        char[] buffer = word.ToCharArray();
        int len = Stem(buffer, buffer.Length);
        return word.AsSpan().SequenceEqual(buffer.AsSpan(0, len)) ? word : new string(buffer, 0, len);
    }

    /// <summary>Stems in place; returns the new length. Allocation-free.</summary>
    internal static int Stem(Span<char> b, int length)
    {
        if (length <= 2) return length;
        var s = new State(b, length);
        s.Step1ab();
        if (s.K > 0)
        {
            s.Step1c();
            s.Step2();
            s.Step3();
            s.Step4();
            s.Step5();
        }
        return s.K + 1;
    }

    private ref struct State
    {
        private readonly Span<char> _b;
        public int K;   // index of the last character
        private int _j; // end of the stem candidate

        public State(Span<char> b, int length)
        {
            _b = b;
            K = length - 1;
            _j = 0;
        }

        private readonly bool Cons(int i) => _b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !Cons(i - 1),
            _ => true,
        };

        // m() measures the number of consonant sequences between 0 and j.
        private readonly int M()
        {
            int n = 0, i = 0;
            while (true)
            {
                if (i > _j) return n;
                if (!Cons(i)) break;
                i++;
            }
            i++;
            while (true)
            {
                while (true)
                {
                    if (i > _j) return n;
                    if (Cons(i)) break;
                    i++;
                }
                i++;
                n++;
                while (true)
                {
                    if (i > _j) return n;
                    if (!Cons(i)) break;
                    i++;
                }
                i++;
            }
        }

        private readonly bool VowelInStem()
        {
            for (int i = 0; i <= _j; i++)
            {
                if (!Cons(i)) return true;
            }
            return false;
        }

        private readonly bool DoubleC(int j) => j >= 1 && _b[j] == _b[j - 1] && Cons(j);

        private readonly bool Cvc(int i)
        {
            if (i < 2 || !Cons(i) || Cons(i - 1) || !Cons(i - 2)) return false;
            char ch = _b[i];
            return ch is not ('w' or 'x' or 'y');
        }

        private bool Ends(string s)
        {
            int l = s.Length;
            if (l > K + 1) return false;
            if (!_b.Slice(K - l + 1, l).SequenceEqual(s)) return false;
            _j = K - l;
            return true;
        }

        private void SetTo(string s)
        {
            int l = s.Length;
            s.AsSpan().CopyTo(_b[(_j + 1)..]);
            K = _j + l;
        }

        private void R(string s)
        {
            if (M() > 0) SetTo(s);
        }

        public void Step1ab()
        {
            if (_b[K] == 's')
            {
                if (Ends("sses")) K -= 2;
                else if (Ends("ies")) SetTo("i");
                else if (_b[K - 1] != 's') K--;
            }
            if (Ends("eed"))
            {
                if (M() > 0) K--;
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = _j;
                if (Ends("at")) SetTo("ate");
                else if (Ends("bl")) SetTo("ble");
                else if (Ends("iz")) SetTo("ize");
                else if (DoubleC(K))
                {
                    K--;
                    char ch = _b[K];
                    if (ch is 'l' or 's' or 'z') K++;
                }
                else if (M() == 1 && Cvc(K)) SetTo("e");
            }
        }

        public void Step1c()
        {
            if (Ends("y") && VowelInStem()) _b[K] = 'i';
        }

        public void Step2()
        {
            if (K < 1) return;
            switch (_b[K - 1])
            {
                case 'a':
                    if (Ends("ational")) { R("ate"); break; }
                    if (Ends("tional")) { R("tion"); }
                    break;
                case 'c':
                    if (Ends("enci")) { R("ence"); break; }
                    if (Ends("anci")) { R("ance"); }
                    break;
                case 'e':
                    if (Ends("izer")) { R("ize"); }
                    break;
                case 'l':
                    if (Ends("bli")) { R("ble"); break; }
                    if (Ends("alli")) { R("al"); break; }
                    if (Ends("entli")) { R("ent"); break; }
                    if (Ends("eli")) { R("e"); break; }
                    if (Ends("ousli")) { R("ous"); }
                    break;
                case 'o':
                    if (Ends("ization")) { R("ize"); break; }
                    if (Ends("ation")) { R("ate"); break; }
                    if (Ends("ator")) { R("ate"); }
                    break;
                case 's':
                    if (Ends("alism")) { R("al"); break; }
                    if (Ends("iveness")) { R("ive"); break; }
                    if (Ends("fulness")) { R("ful"); break; }
                    if (Ends("ousness")) { R("ous"); }
                    break;
                case 't':
                    if (Ends("aliti")) { R("al"); break; }
                    if (Ends("iviti")) { R("ive"); break; }
                    if (Ends("biliti")) { R("ble"); }
                    break;
                case 'g':
                    if (Ends("logi")) { R("log"); }
                    break;
            }
        }

        public void Step3()
        {
            switch (_b[K])
            {
                case 'e':
                    if (Ends("icate")) { R("ic"); break; }
                    if (Ends("ative")) { R(""); break; }
                    if (Ends("alize")) { R("al"); }
                    break;
                case 'i':
                    if (Ends("iciti")) { R("ic"); }
                    break;
                case 'l':
                    if (Ends("ical")) { R("ic"); break; }
                    if (Ends("ful")) { R(""); }
                    break;
                case 's':
                    if (Ends("ness")) { R(""); }
                    break;
            }
        }

        public void Step4()
        {
            if (K < 1) return;
            switch (_b[K - 1])
            {
                case 'a': if (Ends("al")) break; return;
                case 'c': if (Ends("ance") || Ends("ence")) break; return;
                case 'e': if (Ends("er")) break; return;
                case 'i': if (Ends("ic")) break; return;
                case 'l': if (Ends("able") || Ends("ible")) break; return;
                case 'n': if (Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent")) break; return;
                case 'o':
                    if (Ends("ion") && _j >= 0 && (_b[_j] == 's' || _b[_j] == 't')) break;
                    if (Ends("ou")) break;
                    return;
                case 's': if (Ends("ism")) break; return;
                case 't': if (Ends("ate") || Ends("iti")) break; return;
                case 'u': if (Ends("ous")) break; return;
                case 'v': if (Ends("ive")) break; return;
                case 'z': if (Ends("ize")) break; return;
                default: return;
            }
            if (M() > 1) K = _j;
        }

        public void Step5()
        {
            _j = K;
            if (_b[K] == 'e')
            {
                int a = M();
                if (a > 1 || (a == 1 && !Cvc(K - 1))) K--;
            }
            if (_b[K] == 'l' && DoubleC(K) && M() > 1) K--;
        }
    }
}
