# The reference classifier on the same corpus, for the ratio in benchmarks/README.md:
#   sudo apt-get install libsisimai-perl
#   perl benchmarks/scripts/sisimai-bench.pl bounce-codec/src/test/resources/bounce-samples/emails
use strict; use warnings; use Sisimai; use Time::HiRes qw(time);
my $dir = shift; opendir(my $d, $dir) or die; my @f = sort grep { /\.eml$/ } readdir($d);
my @data; for my $f (@f) { open(my $fh, '<', "$dir/$f") or die; local $/; push @data, scalar <$fh>; }
for my $round (1..3) {
  my $t = time; my $n = 0; my $ok = 0;
  for my $m (@data) { my $r = Sisimai->make(\$m, 'delivered' => 1, 'vacation' => 1); $n++; $ok++ if $r && @$r; }
  my $dt = time - $t; printf "round %d: %d parsed, %d messages in %.2f s = %.0f messages/s\n", $round, $ok, $n, $dt, $n / $dt;
}
